package dev.vastproxy.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake engine reports {@code usage} where vLLM and SGLang do, with the prompt it was sent. */
class UsageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final FakeEngine engine =
      FakeEngine.builder().timing(Duration.ZERO, Duration.ZERO, 5).start();

  @AfterEach
  void stop() {
    engine.close();
  }

  private String post(String path, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(engine.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void aWholeAnswerCountsThePromptsWordsAndTheTokensSent() throws Exception {
    JsonNode chat =
        JSON.readTree(
            post(
                "/v1/chat/completions",
                "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                    + "{\"role\":\"user\",\"content\":\" what is  a GPU? \"}]}"));
    JsonNode text =
        JSON.readTree(post("/v1/completions", "{\"prompt\":\"one two three\",\"max_tokens\":2}"));
    JsonNode responses =
        JSON.readTree(
            post("/v1/responses", "{\"input\":\"tell me more\",\"max_output_tokens\":3}"));

    assertThat(chat.at("/usage/prompt_tokens").asInt()).isEqualTo(6);
    assertThat(chat.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(chat.at("/usage/total_tokens").asInt()).isEqualTo(11);
    assertThat(text.at("/usage/prompt_tokens").asInt()).isEqualTo(3);
    assertThat(text.at("/usage/completion_tokens").asInt()).isEqualTo(2);
    assertThat(responses.at("/usage/input_tokens").asInt()).isEqualTo(3);
    assertThat(responses.at("/usage/output_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void aStreamCarriesUsageInAFinalChunkOnlyWhenAskedTo() throws Exception {
    String chat = "\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]";
    List<String> asked =
        events(
            post(
                "/v1/chat/completions",
                "{\"stream\":true,\"stream_options\":{\"include_usage\":true}," + chat + "}"));
    List<String> plain = events(post("/v1/chat/completions", "{\"stream\":true," + chat + "}"));

    JsonNode usageChunk = JSON.readTree(asked.get(asked.size() - 2).substring(6));
    assertThat(usageChunk.get("choices")).isEmpty();
    assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(2);
    assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(plain).noneMatch(event -> event.contains("\"usage\""));
    assertThat(plain).hasSize(asked.size() - 1);
  }

  @Test
  void aContinuedAnswersPromptHoldsTheWordsItContinues() throws Exception {
    JsonNode continued =
        JSON.readTree(
            post(
                "/v1/chat/completions",
                "{\"continue_final_message\":true,\"add_generation_prompt\":false,\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"hi\"},"
                    + "{\"role\":\"assistant\",\"content\":\"Hello from a\"}]}"));

    // One word of the user's, three of the engine's own that it was asked to continue.
    assertThat(continued.at("/usage/prompt_tokens").asInt()).isEqualTo(4);
    assertThat(continued.at("/choices/0/message/content").asText()).startsWith(" simulated");
  }

  private static List<String> events(String body) {
    return Arrays.stream(body.split("\n\n")).filter(event -> !event.isBlank()).toList();
  }
}
