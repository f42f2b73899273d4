package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Writes the fake engine's plain JSON answers: bodies and errors in vLLM's error shape. */
final class Replies {
  private Replies() {}

  static void error(HttpServerExchange exchange, int status, String message, String type) {
    json(
        exchange,
        status,
        "{\"object\":\"error\",\"message\":"
            + JsonText.quote(message)
            + ",\"type\":\""
            + type
            + "\",\"param\":null,\"code\":"
            + status
            + "}");
  }

  static void json(HttpServerExchange exchange, int status, String body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(body);
  }
}
