package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * The fleet as a reader sees it: backends, traffic, and when the view was taken.
 *
 * @param fleet every enrolled backend
 * @param traffic request figures
 * @param at when the view was taken (for times in state)
 */
public record FleetView(FleetSnapshot fleet, TrafficSummary traffic, Instant at) {
  public FleetView {
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(at, "at");
  }

  /** The fleet's cost per hour: the sum of every enrolled instance's {@code dph_total}. */
  public double dollarsPerHour() {
    return fleet.backends().stream().mapToDouble(b -> b.instance().dollarsPerHour()).sum();
  }

  /** Requests the engines report queued, across the fleet (engines without a reading count 0). */
  public int queued() {
    int queued = 0;
    for (Backend backend : fleet.backends()) {
      queued += backend.load().signals().reading().map(r -> r.report().waiting()).orElse(0);
    }
    return queued;
  }
}
