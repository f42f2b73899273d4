package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.adapters.http.front.Answers;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the registry in Prometheus text format 0.0.4. The scrape runs on a worker
 * thread so that rendering many series never delays the IO threads that carry streams, and reads
 * one fleet view for all its gauges ({@link ScrapeFleetView}).
 */
public final class MetricsHandler implements HttpHandler {
  /** The Prometheus text exposition format's content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final ScrapeFleetView fleet;

  /**
   * @param fleet the view the registry's fleet gauges read, held to one per scrape
   */
  public MetricsHandler(PrometheusMeterRegistry registry, ScrapeFleetView fleet) {
    this.registry = registry;
    this.fleet = fleet;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    byte[] body = fleet.during(registry::scrape).getBytes(StandardCharsets.UTF_8);
    Answers.send(exchange, 200, CONTENT_TYPE, body);
  }
}
