package dev.vastproxy.adapters.http.front;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.channels.StreamSourceChannel;

/**
 * Writes the proxy's own answers (errors in the OpenAI shape, the model list, the admin API, the
 * metrics), each ending the exchange; never cached, since each says how things are now.
 */
public final class Answers {
  /** The content type of JSON answers. */
  public static final String JSON = "application/json";

  private Answers() {}

  /** A JSON body with a status. */
  public static void json(HttpServerExchange exchange, int status, byte[] body) {
    send(exchange, status, JSON, body);
  }

  /**
   * A JSON body with a status, from a handler that took the request channel and still holds it
   * ({@code held}; null when it handed the body on, which is then not this answer's to drop).
   */
  public static void json(
      HttpServerExchange exchange, int status, byte[] body, StreamSourceChannel held) {
    answer(exchange, status, JSON, body, held);
  }

  /** An error in the OpenAI shape; its type follows from the status. */
  public static void error(HttpServerExchange exchange, int status, String message, String code) {
    String type = status >= 500 ? "server_error" : "invalid_request_error";
    json(exchange, status, OpenAiErrors.body(message, type, code));
  }

  /** A text body. */
  public static void text(
      HttpServerExchange exchange, int status, String contentType, String body) {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A body of the given type with a status; when the connection closes after it, once what the
   * client still sends of its request body is read ({@link RequestBodyDrain}).
   */
  public static void send(
      HttpServerExchange exchange, int status, String contentType, byte[] body) {
    answer(exchange, status, contentType, body, null);
  }

  private static void answer(
      HttpServerExchange exchange,
      int status,
      String contentType,
      byte[] body,
      StreamSourceChannel held) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    RequestBodyDrain.beforeAnswering(
        exchange, held, () -> exchange.getResponseSender().send(ByteBuffer.wrap(body)));
  }
}
