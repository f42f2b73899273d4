package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.adapters.http.front.Answers;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /vastproxy/status}: the fleet as JSON, from a snapshot, on the IO thread. */
final class StatusHandler implements HttpHandler {
  private final ObserveFleetUseCase fleet;
  private final ReplicaState replica;

  StatusHandler(ObserveFleetUseCase fleet, ReplicaState replica) {
    this.fleet = fleet;
    this.replica = replica;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    // Reading a snapshot never blocks, and the body is small: no need to leave the IO thread.
    Answers.json(exchange, 200, AdminJson.write(FleetStatus.of(fleet.observeFleet(), replica)));
  }
}
