package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.time.Clock;

/** Gives readers the fleet with its traffic figures, from snapshots, without locking. */
public final class FleetViewService implements ObserveFleetUseCase {
  private final Fleet fleet;
  private final RequestStatistics statistics;
  private final Clock clock;

  public FleetViewService(Fleet fleet, RequestStatistics statistics, Clock clock) {
    this.fleet = fleet;
    this.statistics = statistics;
    this.clock = clock;
  }

  @Override
  public FleetView observeFleet() {
    FleetSnapshot snapshot = fleet.snapshot();
    int inFlight = 0;
    for (Backend backend : snapshot.backends()) {
      inFlight += backend.load().inFlight();
    }
    return new FleetView(snapshot, statistics.summary(inFlight), clock.instant());
  }
}
