package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/** Writes the fake engine's plain JSON answers: bodies and errors in vLLM's error shape. */
final class Replies {
  private static final HttpString PLACEHOLDER = new HttpString("X-Portal-Placeholder");

  private Replies() {}

  /** vast.ai's instance portal while the engine loads: 502 with its placeholder header. */
  static void placeholder(HttpServerExchange exchange) {
    exchange.setStatusCode(502);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseHeaders().put(PLACEHOLDER, "true");
    exchange
        .getResponseSender()
        .send(
            "<!doctype html><html><head><title>Loading...</title></head><body>This service is"
                + " starting. The page will refresh when it is ready.</body></html>");
  }

  /** A permanent redirect to the same path over https on the same port. */
  static void redirectToHttps(HttpServerExchange exchange, int port) {
    exchange.setStatusCode(308);
    exchange
        .getResponseHeaders()
        .put(Headers.LOCATION, "https://127.0.0.1:" + port + exchange.getRequestURI());
    exchange.endExchange();
  }

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
