package dev.vastproxy.adapters.http.front;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Error bodies in the OpenAI shape, {@code {"error":{"message":…,"type":…}}}. */
public final class OpenAiErrors {
  private static final byte[] NO_BACKENDS = body("no backends available", "server_error", null);

  private static final byte[] BACKEND_ERROR = body("backend error", "server_error", null);

  private static final byte[] UNAUTHORIZED =
      body(
          "invalid or missing API key: send Authorization: Bearer <key>",
          "invalid_request_error",
          "invalid_api_key");

  private static final byte[] BODIES_OVER_BUDGET =
      body(
          "the proxy holds too many large request bodies right now; retry shortly",
          "server_error",
          "proxy_busy");

  private static final byte[] UNREADABLE_BODY =
      body(
          "the request body could not be read: it ended before its length, or its chunked framing"
              + " is broken",
          "invalid_request_error",
          "invalid_body");

  /**
   * At most this many characters of a client's model name are echoed: the name is the client's own
   * input, so a huge one must not make an equally huge answer.
   */
  static final int MAX_ECHOED_NAME = 256;

  /** At most this many models are listed as on offer; the rest are counted. */
  static final int MAX_LISTED_MODELS = 32;

  private OpenAiErrors() {}

  /** 503: nothing healthy to send the request to. */
  public static byte[] noBackends() {
    return NO_BACKENDS.clone();
  }

  /** 502: the backend failed while serving the request. */
  public static byte[] backendError() {
    return BACKEND_ERROR.clone();
  }

  /** 401: a client key is required and was missing or wrong. */
  public static byte[] unauthorized() {
    return UNAUTHORIZED.clone();
  }

  /** 400: the request body broke off or broke its own framing while it was read for routing. */
  public static byte[] unreadableBody() {
    return UNREADABLE_BODY.clone();
  }

  /** 503: request bodies held for routing fill their memory budget now. */
  public static byte[] bodiesOverBudget() {
    return BODIES_OVER_BUDGET.clone();
  }

  /** 503: the model is served by the fleet, but no instance serving it is healthy now. */
  public static byte[] modelUnavailable(String model) {
    return body(
        "No healthy instance serves the model '" + truncated(model) + "' right now; retry shortly",
        "server_error",
        "model_unavailable");
  }

  /** 429: every instance that could serve the request reports a full queue. */
  public static byte[] overloaded(Optional<String> model) {
    return body(
        model
                .map(
                    name ->
                        "Every instance serving the model '" + truncated(name) + "' is at capacity")
                .orElse("Every instance is at capacity")
            + "; retry shortly",
        "server_error",
        "overloaded");
  }

  /** 404: no healthy backend serves the model; lists the ones on offer. */
  public static byte[] unknownModel(String model, List<String> available) {
    return body(
        "The model '"
            + truncated(model)
            + "' does not exist or is not served now. Available models: "
            + offer(available),
        "invalid_request_error",
        "model_not_found");
  }

  private static String offer(List<String> available) {
    if (available.isEmpty()) {
      return "none";
    }
    StringBuilder offer = new StringBuilder();
    int listed = Math.min(available.size(), MAX_LISTED_MODELS);
    for (int i = 0; i < listed; i++) {
      offer.append(i == 0 ? "" : ", ").append(truncated(available.get(i)));
    }
    if (available.size() > listed) {
      offer.append(" and ").append(available.size() - listed).append(" more");
    }
    return offer.toString();
  }

  /** The text cut to {@link #MAX_ECHOED_NAME} characters, marked with an ellipsis when cut. */
  static String truncated(String text) {
    if (text.length() <= MAX_ECHOED_NAME) {
      return text;
    }
    int end = MAX_ECHOED_NAME;
    // never split a surrogate pair: half of one is not valid UTF-16
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "\u2026";
  }

  /** Any error body; {@code code} may be null. */
  public static byte[] body(String message, String type, String code) {
    StringBuilder json = new StringBuilder(96 + message.length());
    json.append("{\"error\":{\"message\":\"");
    JsonStringEncoder.getInstance().quoteAsString(message, json);
    json.append("\",\"type\":\"");
    JsonStringEncoder.getInstance().quoteAsString(type, json);
    json.append('"');
    if (code != null) {
      json.append(",\"code\":\"");
      JsonStringEncoder.getInstance().quoteAsString(code, json);
      json.append('"');
    }
    json.append("}}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
