package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request that continues a broken stream, or why there is none. */
class ContinuationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeliveredStream delivered(String text, boolean chat) {
    DeliveredStream stream = new DeliveredStream(chat);
    String field = chat ? "\"delta\":{\"content\":\"" + text + "\"}" : "\"text\":\"" + text + "\"";
    String event =
        "data: {\"id\":\"a\",\"choices\":[{\"index\":0," + field + ",\"finish_reason\":null}]}\n\n";
    stream.filter().apply(ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)));
    return stream;
  }

  private static ByteBuffer body(String json) {
    return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aChatContinuesItsFinalAssistantMessageWithTheLimitReduced() throws Exception {
    Continuation continuation =
        Continuation.of(
            body(
                "{\"model\":\"m\",\"max_completion_tokens\":5,\"messages\":[{\"role\":\"user\"}]}"),
            true,
            delivered("Hello", true));

    JsonNode sent = JSON.readTree(((Continuation.Request) continuation).body());
    assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(4);
    assertThat(sent.path("continue_final_message").asBoolean()).isTrue();
    assertThat(sent.path("add_generation_prompt").asBoolean(true)).isFalse();
    assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("Hello");
    assertThat(((Continuation.Request) continuation).exhausted()).isFalse();
  }

  @Test
  void aLimitAlreadyReachedOnlyNeedsEnding() {
    Continuation continuation =
        Continuation.of(body("{\"max_tokens\":1,\"messages\":[]}"), true, delivered("Hello", true));

    assertThat(((Continuation.Request) continuation).exhausted()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"n\":2,\"messages\":[]}|more than one choice",
        "{\"logprobs\":true,\"messages\":[]}|log probabilities",
        "{\"response_format\":{\"type\":\"json_schema\"},\"messages\":[]}|response format",
        "{\"guided_json\":{},\"messages\":[]}|guided decoding",
        "{\"messages\":\"hi\"}|no message list",
        "[1,2]|not a JSON object",
        "not json|not JSON",
      })
  void whatCannotBeContinuedSaysWhy(String request, String reason) {
    Continuation continuation = Continuation.of(body(request), true, delivered("x", true));

    assertThat(((Continuation.Impossible) continuation).reason()).contains(reason);
  }

  @Test
  void aTextCompletionExtendsItsPromptButOnlyOneTextPrompt() throws Exception {
    Continuation extended =
        Continuation.of(
            body("{\"prompt\":\"Once\",\"max_tokens\":9}"), false, delivered(" upon", false));
    Continuation several =
        Continuation.of(body("{\"prompt\":[\"a\",\"b\"]}"), false, delivered("x", false));

    JsonNode sent = JSON.readTree(((Continuation.Request) extended).body());
    assertThat(sent.path("prompt").asText()).isEqualTo("Once upon");
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(8);
    assertThat(((Continuation.Impossible) several).reason()).contains("one text");
  }
}
