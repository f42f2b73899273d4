package dev.vastproxy.adapters.http.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theFixedBodiesAreExactlyTheDocumentedOnes() {
    assertThat(new String(OpenAiErrors.noBackends(), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":{\"message\":\"no backends available\",\"type\":\"server_error\"}}");
    assertThat(new String(OpenAiErrors.backendError(), StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":{\"message\":\"backend error\",\"type\":\"server_error\"}}");
  }

  @Test
  void unknownModelsListWhatIsOnOffer() throws Exception {
    JsonNode error =
        json.readTree(OpenAiErrors.unknownModel("gpt-\"4\"", List.of("a", "b"))).get("error");

    assertThat(error.get("message").asText())
        .isEqualTo(
            "The model 'gpt-\"4\"' does not exist or is not served now. Available models: a, b");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
    assertThat(json.readTree(OpenAiErrors.unknownModel("x", List.of())).toString())
        .contains("Available models: none");
    assertThat(json.readTree(OpenAiErrors.unauthorized()).get("error").get("code").asText())
        .isEqualTo("invalid_api_key");
  }

  @Test
  void anOverloadedFleetSaysSoWithOrWithoutAModel() throws Exception {
    JsonNode named = json.readTree(OpenAiErrors.overloaded(Optional.of("m\"1"))).get("error");
    JsonNode any = json.readTree(OpenAiErrors.overloaded(Optional.empty())).get("error");

    assertThat(named.get("message").asText())
        .isEqualTo("Every instance serving the model 'm\"1' is at capacity; retry shortly");
    assertThat(named.get("code").asText()).isEqualTo("overloaded");
    assertThat(any.get("message").asText())
        .isEqualTo("Every instance is at capacity; retry shortly");
  }

  @Test
  void aHugeModelNameIsEchoedOnlyInPart() throws Exception {
    String huge = "m".repeat(1024 * 1024);

    byte[] answer = OpenAiErrors.unknownModel(huge, List.of("a"));

    assertThat(answer.length).isLessThan(1024);
    String message = json.readTree(answer).get("error").get("message").asText();
    assertThat(message)
        .startsWith("The model '" + "m".repeat(OpenAiErrors.MAX_ECHOED_NAME) + "\u2026'")
        .endsWith("Available models: a");
  }

  @Test
  void aLongListOfModelsIsCutAndCounted() throws Exception {
    List<String> many = IntStream.range(0, 100).mapToObj(i -> "model-" + i).toList();

    String message =
        json.readTree(OpenAiErrors.unknownModel("x", many)).get("error").get("message").asText();

    assertThat(message)
        .contains("model-" + (OpenAiErrors.MAX_LISTED_MODELS - 1) + " and ")
        .endsWith(" and " + (100 - OpenAiErrors.MAX_LISTED_MODELS) + " more")
        .doesNotContain("model-" + OpenAiErrors.MAX_LISTED_MODELS + ",");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String name = "a".repeat(OpenAiErrors.MAX_ECHOED_NAME - 1) + "\uD83D\uDE00" + "b";

    assertThat(OpenAiErrors.truncated(name))
        .isEqualTo("a".repeat(OpenAiErrors.MAX_ECHOED_NAME - 1) + "\u2026");
    assertThat(OpenAiErrors.truncated("short")).isEqualTo("short");
  }
}
