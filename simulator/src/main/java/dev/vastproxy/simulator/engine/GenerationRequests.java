package dev.vastproxy.simulator.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Reads a generation request's body and query overrides ({@code n}, {@code ttft_ms}, {@code
 * delay_ms}) into a {@link GenerationRequest}, as the engine's settings shape it.
 */
final class GenerationRequests {
  // Benchmarks send very long prompts; the engine only looks at a few fields.
  static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
              .build());

  private GenerationRequests() {}

  /**
   * The request, or why it is refused.
   *
   * @param served the model the engine serves
   * @param settings the engine's timing and stream settings, before overrides
   */
  static GenerationRequest read(
      EngineApi api,
      byte[] body,
      Map<String, Deque<String>> query,
      String served,
      GenerationDefaults settings)
      throws RequestRefused {
    JsonNode request;
    try {
      request = JSON.readTree(body);
    } catch (IOException e) {
      throw new RequestRefused(400, "request body is not JSON", "BadRequestError");
    }
    if (request == null || !request.isObject()) {
      throw new RequestRefused(400, "request body is not a JSON object", "BadRequestError");
    }
    String asked = request.path("model").asText(served);
    if (!asked.equals(served)) {
      throw new RequestRefused(404, "The model `" + asked + "` does not exist.", "NotFoundError");
    }
    int count = intParameter(query, "n", settings.tokens());
    JsonNode limit = limit(api, request);
    boolean limited = false;
    if (limit != null && limit.canConvertToInt() && limit.asInt() >= 0) {
      limited = limit.asInt() <= count;
      count = Math.min(count, limit.asInt());
    }
    int continued = continuedWords(request);
    return new GenerationRequest(
        api,
        served,
        request.path("stream").asBoolean(false),
        api != EngineApi.RESPONSES
            && request.path("stream_options").path("include_usage").asBoolean(false),
        settings.timestamps(),
        count,
        intParameter(query, "ttft_ms", (int) settings.ttftMillis()),
        intParameter(query, "delay_ms", (int) settings.delayMillis()),
        continued,
        promptWords(request, continued),
        limited);
  }

  /**
   * The prompt's size in the simulator's tokens: a word of the user's text is one token, a word of
   * a continued assistant message (the engine's own words) one token each, as its usage reports.
   */
  private static int promptWords(JsonNode request, int continued) {
    JsonNode prompt = request.has("messages") ? request.get("messages") : request.path("prompt");
    if (request.has("input")) {
      prompt = request.get("input");
    }
    JsonNode own = continued > 0 ? prompt.path(prompt.size() - 1) : null;
    int words = continued;
    for (JsonNode text : prompt.isTextual() ? List.of(prompt) : texts(prompt, own)) {
      for (String word : text.asText().strip().split("\\s+")) {
        words += word.isEmpty() ? 0 : 1;
      }
    }
    return words;
  }

  /** The text of each message (or prompt part), but the continued one. */
  private static List<JsonNode> texts(JsonNode parts, JsonNode skipped) {
    List<JsonNode> texts = new ArrayList<>();
    for (JsonNode part : parts) {
      if (part == skipped) {
        continue;
      }
      JsonNode content = part.isObject() ? part.path("content") : part;
      if (content.isTextual()) {
        texts.add(content);
      }
    }
    return texts;
  }

  /**
   * How many of the engine's words a final assistant message holds when the request asks to
   * continue it ({@code continue_final_message}, as vLLM and SGLang take it), or a completion's
   * prompt extends: the generation picks up right after them, as a real model continues its text.
   */
  private static int continuedWords(JsonNode request) {
    String prefix;
    if (request.path("continue_final_message").asBoolean(false)) {
      JsonNode messages = request.path("messages");
      JsonNode last = messages.path(messages.size() - 1);
      if (!last.path("role").asText().equals("assistant")) {
        return 0;
      }
      prefix = last.path("content").asText("");
    } else {
      return 0;
    }
    int words = 0;
    int matched = 0;
    while (matched < prefix.length()) {
      String word = Generation.WORDS[words % Generation.WORDS.length];
      if (!prefix.startsWith(word, matched)) {
        return 0;
      }
      matched += word.length();
      words++;
    }
    return words;
  }

  private static JsonNode limit(EngineApi api, JsonNode request) {
    if (api == EngineApi.RESPONSES) {
      return request.get("max_output_tokens");
    }
    return request.has("max_tokens")
        ? request.get("max_tokens")
        : request.get("max_completion_tokens");
  }

  private static int intParameter(Map<String, Deque<String>> query, String name, int fallback) {
    Deque<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return fallback;
    }
    try {
      return Math.max(0, Integer.parseInt(values.getFirst()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
