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
import java.util.function.IntSupplier;

/** Gives readers the fleet with its traffic figures, from snapshots, without locking. */
public final class FleetViewService implements ObserveFleetUseCase {
  private final Fleet fleet;
  private final RequestStatistics statistics;
  private final Clock clock;
  private final IntSupplier held;
  private final Optional<GuardViews> guard;

  /** A view without a waiting room. */
  public FleetViewService(Fleet fleet, RequestStatistics statistics, Clock clock) {
    this(fleet, statistics, clock, () -> 0);
  }

  /**
   * @param held how many requests the waiting room holds now
   */
  public FleetViewService(
      Fleet fleet, RequestStatistics statistics, Clock clock, IntSupplier held) {
    this(fleet, statistics, clock, held, Optional.empty());
  }

  /**
   * @param held how many requests the waiting room holds now
   * @param guard adds selection, idle countdowns, stops and alerts to each view
   */
  public FleetViewService(
      Fleet fleet,
      RequestStatistics statistics,
      Clock clock,
      IntSupplier held,
      Optional<GuardViews> guard) {
    this.fleet = fleet;
    this.statistics = statistics;
    this.clock = clock;
    this.held = held;
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
        statistics.summary(inFlight).withHeld(held.getAsInt()),
        now,
        guard.map(views -> views.view(snapshot, now)).orElse(GuardView.empty()));
  }
}
