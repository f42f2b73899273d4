package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.adapters.http.OpenAiErrors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes the admin API's answers; each ends the exchange. */
final class AdminResponses {
  static final String JSON = "application/json";

  private AdminResponses() {}

  /** A JSON body with a status. */
  static void json(HttpServerExchange exchange, int status, byte[] body) {
    send(exchange, status, JSON, body);
  }

  /** An error in the OpenAI shape. */
  static void error(HttpServerExchange exchange, int status, String message, String code) {
    String type = status >= 500 ? "server_error" : "invalid_request_error";
    json(exchange, status, OpenAiErrors.body(message, type, code));
  }

  /** A plain text body. */
  static void text(HttpServerExchange exchange, int status, String contentType, String body) {
    send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpServerExchange exchange, int status, String type, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}
