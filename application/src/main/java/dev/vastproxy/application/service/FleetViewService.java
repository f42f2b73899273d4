package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.time.Clock;
import java.util.function.IntSupplier;

/** Gives readers the fleet with its traffic figures, from snapshots, without locking. */
public final class FleetViewService implements ObserveFleetUseCase {
  private final Fleet fleet;
  private final RequestStatistics statistics;
  private final Clock clock;
  private final IntSupplier held;

  /** A view without a waiting room. */
  public FleetViewService(Fleet fleet, RequestStatistics statistics, Clock clock) {
    this(fleet, statistics, clock, () -> 0);
  }

  /**
   * @param held how many requests the waiting room holds now
   */
  public FleetViewService(
      Fleet fleet, RequestStatistics statistics, Clock clock, IntSupplier held) {
    this.fleet = fleet;
    this.statistics = statistics;
    this.clock = clock;
    this.held = held;
  }

  @Override
  public FleetView observeFleet() {
    FleetSnapshot snapshot = fleet.snapshot();
    int inFlight = 0;
    for (Backend backend : snapshot.backends()) {
      inFlight += backend.load().inFlight();
    }
    return new FleetView(
        snapshot, statistics.summary(inFlight).withHeld(held.getAsInt()), clock.instant());
  }
}
