package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.adapters.http.front.Answers;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /readyz}: 200 while some backend can take requests and the replica is not draining,
 * else 503 with the reason. Draining comes first: balancers must stop sending at once.
 */
final class ReadinessHandler implements HttpHandler {
  /** The reason given while the replica stops. */
  static final String DRAINING = "draining: this replica is stopping";

  private final ObserveFleetUseCase fleet;
  private final ReplicaState replica;

  ReadinessHandler(ObserveFleetUseCase fleet, ReplicaState replica) {
    this.fleet = fleet;
    this.replica = replica;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    FleetSnapshot snapshot = fleet.observeFleet().fleet();
    int routable = snapshot.routing().all().size();
    if (replica.draining()) {
      Answers.json(exchange, 503, AdminJson.write(new Readiness(false, DRAINING, routable)));
    } else if (routable > 0) {
      Answers.json(exchange, 200, AdminJson.write(new Readiness(true, null, routable)));
    } else {
      String reason =
          snapshot.backends().isEmpty() ? "no backends discovered" : "no healthy backend";
      Answers.json(exchange, 503, AdminJson.write(new Readiness(false, reason, 0)));
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
