package dev.vastproxy.adapters.vastai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.port.out.VastApiException.Kind;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.openapi.ApiException;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns what the generated client throws, and vast.ai's failure bodies, into {@link
 * VastApiException}s with short messages that are safe to log: no API key, no response dump.
 */
final class VastApiErrors {
  /** vast.ai's error code for a bad, revoked or under-scoped key. */
  static final String AUTH_ERROR = "auth_error";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_TEXT = 160;
  private static final String REDACTED = "[redacted]";

  private final Secret apiKey;

  VastApiErrors(Secret apiKey) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
  }

  /** The failure a thrown {@link ApiException} stands for. */
  VastApiException translate(ApiException e) {
    int status = e.getCode();
    if (status == 0) {
      return transportFailure(e.getCause());
    }
    ErrorBody body = ErrorBody.parse(e.getResponseBody());
    Kind kind;
    if (body.isAuthError() || status == 401 || status == 403) {
      kind = Kind.AUTHENTICATION;
    } else if (status == 429) {
      kind = Kind.RATE_LIMITED;
    } else if (status >= 500) {
      kind = Kind.UNAVAILABLE;
    } else {
      kind = Kind.REJECTED;
    }
    // No cause attached: the generated exception's message repeats the whole response body.
    return new VastApiException(kind, message(status, body));
  }

  /** The failure an answer of HTTP 2xx with {@code success} not true stands for. */
  VastApiException refused(String error, String msg) {
    ErrorBody body = new ErrorBody(text(error), text(msg));
    Kind kind = body.isAuthError() ? Kind.AUTHENTICATION : Kind.REJECTED;
    String message = body.error().isEmpty() ? "success: false" : body.describe();
    if (body.error().isEmpty() && !body.message().isEmpty()) {
      message = message + ": " + body.message();
    }
    return new VastApiException(kind, safe(message));
  }

  /** A 2xx answer that cannot be used, e.g. one without a body. */
  VastApiException malformed(String what) {
    return new VastApiException(Kind.MALFORMED, safe(what));
  }

  /** The {@code error} code of a failure body, e.g. {@code no_such_instance}. */
  static Optional<String> errorCode(ApiException e) {
    String code = ErrorBody.parse(e.getResponseBody()).error();
    return code.isEmpty() ? Optional.empty() : Optional.of(code);
  }

  /**
   * A failure before any status was read. The I/O cause is kept for stack traces; a JSON parser's
   * is not, as its message quotes the body.
   */
  private static VastApiException transportFailure(Throwable cause) {
    if (cause instanceof JsonProcessingException) {
      return new VastApiException(Kind.MALFORMED, "unreadable JSON in the response");
    }
    if (cause instanceof InterruptedException) {
      return new VastApiException(Kind.UNAVAILABLE, "interrupted");
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return new VastApiException(Kind.UNAVAILABLE, "connect timed out", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new VastApiException(Kind.UNAVAILABLE, "timed out", cause);
    }
    if (cause instanceof IOException) {
      return new VastApiException(
          Kind.UNAVAILABLE, "connection failed (" + cause.getClass().getSimpleName() + ")", cause);
    }
    String name = cause == null ? "no cause" : cause.getClass().getSimpleName();
    return new VastApiException(Kind.UNAVAILABLE, "request failed (" + name + ")");
  }

  private String message(int status, ErrorBody body) {
    if (!body.error().isEmpty()) {
      return safe(body.describe() + " (HTTP " + status + ")");
    }
    return safe(
        body.message().isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + body.message());
  }

  /** One line, not too long, without the API key. */
  private String safe(String message) {
    String line = message.replaceAll("\\s+", " ").strip();
    String key = apiKey.reveal();
    if (!key.isEmpty()) {
      line = line.replace(key, REDACTED);
    }
    return line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT - 1) + "…" : line;
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  /**
   * The parts of vast.ai's loose error envelope that matter; empty texts when absent or when the
   * body is not JSON (429 often answers plain text, gateways answer HTML).
   */
  private record ErrorBody(String error, String message) {
    static ErrorBody parse(String body) {
      if (body == null || body.isBlank()) {
        return new ErrorBody("", "");
      }
      JsonNode json;
      try {
        json = JSON.readTree(body);
      } catch (JsonProcessingException notJson) {
        return new ErrorBody("", "");
      }
      if (json == null || !json.isObject()) {
        return new ErrorBody("", "");
      }
      return new ErrorBody(field(json, "error"), firstOf(json, "msg", "message", "detail"));
    }

    boolean isAuthError() {
      return AUTH_ERROR.equals(error);
    }

    String describe() {
      return message.isEmpty() ? error : error + ": " + message;
    }

    private static String firstOf(JsonNode json, String... names) {
      for (String name : names) {
        String value = field(json, name);
        if (!value.isEmpty()) {
          return value;
        }
      }
      return "";
    }

    private static String field(JsonNode json, String name) {
      JsonNode value = json.get(name);
      return value != null && value.isTextual() ? value.asText().strip() : "";
    }
  }
}
