package dev.vastproxy.adapters.http.front;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

/**
 * The front door: checks client keys, answers the proxy's own paths ({@code /vastproxy/*}, {@code
 * /metrics}, {@code /healthz}, {@code /readyz}) and {@code GET /v1/models}, and proxies the rest.
 */
public final class RootHandler implements HttpHandler {
  private final ClientKeys keys;
  private final HttpHandler models;
  private final HttpHandler admin;
  private final HttpHandler proxy;

  /**
   * @param admin serves {@code /vastproxy/*}, {@code /metrics}, {@code /healthz}, {@code /readyz}
   */
  public RootHandler(ClientKeys keys, HttpHandler models, HttpHandler admin, HttpHandler proxy) {
    this.keys = keys;
    this.models = models;
    this.admin = admin;
    this.proxy = proxy;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    boolean own = AdminPaths.owns(path);
    if (!AdminPaths.isProbe(path) && !keys.admits(exchange)) {
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
      Answers.json(exchange, 401, OpenAiErrors.unauthorized());
      return;
    }
    if (own) {
      admin.handleRequest(exchange);
    } else if (path.equals("/v1/models") && exchange.getRequestMethod().equals(Methods.GET)) {
      models.handleRequest(exchange);
    } else {
      proxy.handleRequest(exchange);
    }
  }
}
