package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.adapters.http.front.AdminPaths;
import dev.vastproxy.adapters.http.front.Answers;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.adapters.http.metrics.MetricsHandler;
import dev.vastproxy.adapters.http.metrics.ScrapeFleetView;
import dev.vastproxy.application.port.in.AbortAllUseCase;
import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Map;

/**
 * The proxy's own paths: {@code GET /healthz}, {@code GET /readyz}, {@code GET /metrics}, {@code
 * GET /vastproxy/status}, {@code POST /vastproxy/abort-all} and {@code POST /vastproxy/destroy-all}
 * (with {@code {"confirm": "destroy"}}). Another method is 405, another path 404, both in the
 * OpenAI error shape. Client keys are checked before, by the root handler.
 */
public final class AdminHandler implements HttpHandler {
  /** The text {@code /healthz} answers while the process is up. */
  static final String ALIVE = "ok";

  private final Map<String, Route> routes;

  /** A lone replica named {@code local}, as tests and embedders use it. */
  public AdminHandler(
      ObserveFleetUseCase fleet,
      AbortAllUseCase abortAll,
      DestroyAllUseCase destroyAll,
      PrometheusMeterRegistry metrics) {
    this(fleet, abortAll, destroyAll, metrics, new ReplicaState("local"));
  }

  /**
   * Admin paths whose scrapes hold no view for meters built elsewhere (each of their fleet gauges
   * reads its own).
   *
   * @param fleet the fleet, for status and readiness
   * @param abortAll runs {@code POST /vastproxy/abort-all}
   * @param destroyAll runs a confirmed {@code POST /vastproxy/destroy-all}
   * @param metrics the registry {@code GET /metrics} exposes
   * @param replica names this replica in the status, and turns {@code /readyz} 503 while it drains
   */
  public AdminHandler(
      ObserveFleetUseCase fleet,
      AbortAllUseCase abortAll,
      DestroyAllUseCase destroyAll,
      PrometheusMeterRegistry metrics,
      ReplicaState replica) {
    this(fleet, abortAll, destroyAll, metrics, new ScrapeFleetView(fleet), replica);
  }

  /**
   * @param fleet the fleet, for status and readiness
   * @param abortAll runs {@code POST /vastproxy/abort-all}
   * @param destroyAll runs a confirmed {@code POST /vastproxy/destroy-all}
   * @param metrics the registry {@code GET /metrics} exposes
   * @param scrapes the view the registry's fleet gauges read: one per scrape
   * @param replica names this replica in the status, and turns {@code /readyz} 503 while it drains
   */
  public AdminHandler(
      ObserveFleetUseCase fleet,
      AbortAllUseCase abortAll,
      DestroyAllUseCase destroyAll,
      PrometheusMeterRegistry metrics,
      ScrapeFleetView scrapes,
      ReplicaState replica) {
    this.routes =
        Map.of(
            AdminPaths.HEALTHZ,
            new Route(
                Methods.GET,
                exchange -> Answers.text(exchange, 200, "text/plain; charset=utf-8", ALIVE)),
            AdminPaths.READYZ,
            new Route(Methods.GET, new ReadinessHandler(fleet, replica)),
            AdminPaths.METRICS,
            new Route(Methods.GET, new MetricsHandler(metrics, scrapes)),
            AdminPaths.STATUS,
            new Route(Methods.GET, new StatusHandler(fleet, replica)),
            AdminPaths.ABORT_ALL,
            new Route(Methods.POST, new FleetActionHandler("abort-all", abortAll::abortAll)),
            AdminPaths.DESTROY_ALL,
            new Route(
                Methods.POST,
                new ConfirmationHandler(
                    "destroy",
                    "destroy-all",
                    new FleetActionHandler("destroy-all", destroyAll::destroyAll))));
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    Route route = routes.get(path);
    if (route == null) {
      Answers.error(exchange, 404, "no such admin path: " + path, "not_found");
      return;
    }
    if (!route.accepts(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().put(Headers.ALLOW, route.allow());
      Answers.error(
          exchange,
          405,
          exchange.getRequestMethod() + " is not allowed on " + path + "; use " + route.method(),
          "method_not_allowed");
      return;
    }
    route.handler().handleRequest(exchange);
  }

  /** One admin path: the method it takes (a GET path takes HEAD too) and what answers it. */
  private record Route(HttpString method, HttpHandler handler) {
    boolean accepts(HttpString requested) {
      return requested.equals(method)
          || (method.equals(Methods.GET) && requested.equals(Methods.HEAD));
    }

    String allow() {
      return method.equals(Methods.GET) ? "GET, HEAD" : method.toString();
    }
  }
}
