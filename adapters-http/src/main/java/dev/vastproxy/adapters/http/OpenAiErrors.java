package dev.vastproxy.adapters.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Error bodies in the OpenAI shape, {@code {"error":{"message":…,"type":…}}}. */
public final class OpenAiErrors {
  /** 503: nothing healthy to send the request to. */
  public static final byte[] NO_BACKENDS = body("no backends available", "server_error", null);

  /** 502: the backend failed while serving the request. */
  public static final byte[] BACKEND_ERROR = body("backend error", "server_error", null);

  /** 401: a client key is required and was missing or wrong. */
  public static final byte[] UNAUTHORIZED =
      body(
          "invalid or missing API key: send Authorization: Bearer <key>",
          "invalid_request_error",
          "invalid_api_key");

  /** 503: request bodies held for routing fill their memory budget now. */
  public static final byte[] BODIES_OVER_BUDGET =
      body(
          "the proxy holds too many large request bodies right now; retry shortly",
          "server_error",
          "proxy_busy");

  private OpenAiErrors() {}

  /** 503: the model is served by the fleet, but no instance serving it is healthy now. */
  public static byte[] modelUnavailable(String model) {
    return body(
        "No healthy instance serves the model '" + echoed(model) + "' right now; retry shortly",
        "server_error",
        "model_unavailable");
  }

  /** A client-supplied value as echoed in a message: bounded, so echoes stay small. */
  static String echoed(String value) {
    return value.length() <= 256 ? value : value.substring(0, 256) + "…";
  }

  /** 404: no healthy backend serves the model; lists the ones on offer. */
  public static byte[] unknownModel(String model, List<String> available) {
    String offer = available.isEmpty() ? "none" : String.join(", ", available);
    return body(
        "The model '" + model + "' does not exist or is not served now. Available models: " + offer,
        "invalid_request_error",
        "model_not_found");
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
