package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.GuardView;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Gives readers the fleet with its traffic figures, from snapshots, without locking. */
public final class FleetViewService implements ObserveFleetUseCase {
  private final Fleet fleet;
  private final RequestStatistics statistics;
  private final Clock clock;
  private final Optional<GuardViews> guard;

  public FleetViewService(Fleet fleet, RequestStatistics statistics, Clock clock) {
    this(fleet, statistics, clock, Optional.empty());
  }

  /**
   * @param guard adds selection, idle countdowns, stops and alerts to each view
   */
  public FleetViewService(
      Fleet fleet, RequestStatistics statistics, Clock clock, Optional<GuardViews> guard) {
    this.fleet = fleet;
    this.statistics = statistics;
    this.clock = clock;
    this.guard = guard;
  }

  @Override
  public FleetView observeFleet() {
    FleetSnapshot snapshot = fleet.snapshot();
    int inFlight = 0;
    for (Backend backend : snapshot.backends()) {
      inFlight += backend.load().inFlight();
    }
    Instant now = clock.instant();
    return new FleetView(
        snapshot,
        statistics.summary(inFlight),
        now,
        guard.map(views -> views.view(snapshot, now)).orElse(GuardView.empty()));
  }
}
