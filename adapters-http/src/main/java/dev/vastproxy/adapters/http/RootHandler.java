package dev.vastproxy.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;

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
    boolean own = isOwnPath(path);
    if (!(own && isProbe(path)) && !keys.admits(exchange)) {
      exchange.setStatusCode(401);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
      exchange.getResponseSender().send(ByteBuffer.wrap(OpenAiErrors.unauthorized()));
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

  /**
   * The paths balancers and orchestrators probe, open without a key: a Kubernetes probe or an
   * HAProxy check cannot hold a secret, and the answers (alive; ready or why not, and how many
   * backends are healthy) reveal nothing worth one.
   */
  private static boolean isProbe(String path) {
    return path.equals("/healthz") || path.equals("/readyz");
  }

  private static boolean isOwnPath(String path) {
    return path.startsWith("/vastproxy/")
        || path.equals("/metrics")
        || path.equals("/healthz")
        || path.equals("/readyz");
  }
}
