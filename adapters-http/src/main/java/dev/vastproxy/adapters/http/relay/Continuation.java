package dev.vastproxy.adapters.http.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The request that continues a broken stream on another engine: the original, with the delivered
 * text as a final assistant message to continue ({@code continue_final_message}, which vLLM and
 * SGLang take) or appended to a completion's prompt, and its token limit reduced by what was
 * delivered. Or why the stream cannot be continued faithfully.
 */
sealed interface Continuation {
  /** Ways of decoding that another engine cannot take up mid-answer. */
  List<String> CONSTRAINED =
      List.of(
          "guided_json",
          "guided_regex",
          "guided_choice",
          "guided_grammar",
          "structured_outputs",
          "json_schema",
          "regex",
          "ebnf");

  /**
   * The continuation's body.
   *
   * @param body the request to send
   * @param exhausted whether the token limit was already reached: the answer only needs ending
   */
  record Request(byte[] body, boolean exhausted) implements Continuation {
    public Request {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * Why the stream cannot be continued.
   *
   * @param reason for the log and the client's error event
   */
  record Impossible(String reason) implements Continuation {
    public Impossible {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The continuation of {@code original} after what {@code delivered} holds. */
  static Continuation of(ByteBuffer original, boolean chat, DeliveredStream delivered) {
    if (delivered.blocker().isPresent()) {
      return new Impossible(delivered.blocker().get());
    }
    JsonNode parsed;
    try {
      byte[] bytes = new byte[original.remaining()];
      original.duplicate().get(bytes);
      parsed = Parsing.JSON.readTree(bytes);
    } catch (IOException e) {
      return new Impossible("the request is not JSON");
    }
    if (!(parsed instanceof ObjectNode request)) {
      return new Impossible("the request is not a JSON object");
    }
    if (request.path("n").asInt(1) > 1 || request.path("best_of").asInt(1) > 1) {
      return new Impossible("more than one choice was asked for");
    }
    if (request.path("logprobs").asBoolean(false)
        || request.path("logprobs").isInt()
        || request.hasNonNull("top_logprobs")) {
      return new Impossible("log probabilities were asked for");
    }
    JsonNode format = request.get("response_format");
    if (format != null && !format.isNull() && !format.path("type").asText("text").equals("text")) {
      return new Impossible("a response format constrains the answer");
    }
    for (String constraint : CONSTRAINED) {
      if (request.hasNonNull(constraint)) {
        return new Impossible("guided decoding constrains the answer");
      }
    }
    int left = Integer.MAX_VALUE;
    for (String limit : List.of("max_tokens", "max_completion_tokens")) {
      if (request.path(limit).canConvertToInt()) {
        int reduced = request.get(limit).asInt() - delivered.tokens();
        left = Math.min(left, reduced);
        request.put(limit, Math.max(1, reduced));
      }
    }
    if (chat) {
      JsonNode messages = request.get("messages");
      if (!(messages instanceof ArrayNode list)) {
        return new Impossible("the request has no message list");
      }
      list.addObject().put("role", "assistant").put("content", delivered.text());
      request.put("continue_final_message", true);
      request.put("add_generation_prompt", false);
    } else {
      JsonNode prompt = request.get("prompt");
      if (prompt == null || !prompt.isTextual()) {
        return new Impossible("the prompt is not one text");
      }
      request.put("prompt", prompt.asText() + delivered.text());
      if (request.path("echo").asBoolean(false)) {
        return new Impossible("the prompt is echoed");
      }
    }
    try {
      return new Request(Parsing.JSON.writeValueAsBytes(request), left <= 0);
    } catch (IOException e) {
      return new Impossible("the request cannot be written back");
    }
  }

  /** The JSON reader, for prompts beyond Jackson's default string limit. */
  final class Parsing {
    static final ObjectMapper JSON =
        new ObjectMapper(
            JsonFactory.builder()
                .streamReadConstraints(
                    StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                .build());

    private Parsing() {}
  }
}
