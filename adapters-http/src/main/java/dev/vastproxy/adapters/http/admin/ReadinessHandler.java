package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /readyz}: 200 while some backend can take requests, else 503 with the reason. */
final class ReadinessHandler implements HttpHandler {
  private final ObserveFleetUseCase fleet;

  ReadinessHandler(ObserveFleetUseCase fleet) {
    this.fleet = fleet;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    FleetSnapshot snapshot = fleet.observeFleet().fleet();
    int routable = snapshot.routing().all().size();
    if (routable > 0) {
      AdminResponses.json(exchange, 200, AdminJson.write(new Readiness(true, null, routable)));
    } else {
      String reason =
          snapshot.backends().isEmpty() ? "no backends discovered" : "no healthy backend";
      AdminResponses.json(exchange, 503, AdminJson.write(new Readiness(false, reason, 0)));
    }
  }

  /**
   * The readiness body.
   *
   * @param ready whether requests can be served
   * @param reason why not, or null when ready
   * @param healthyBackends backends that can take requests
   */
  record Readiness(boolean ready, String reason, int healthyBackends) {}
}
