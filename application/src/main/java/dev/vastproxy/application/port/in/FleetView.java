package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.cost.TokenCost;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * The fleet as a reader sees it: backends, traffic, and when the view was taken.
 *
 * @param fleet every enrolled backend
 * @param traffic request figures
 * @param at when the view was taken (for times in state)
 * @param guard selection, idle countdowns, the proxy's stops and alerts, and the listed instances
 *     that are not enrolled
 */
public record FleetView(FleetSnapshot fleet, TrafficSummary traffic, Instant at, GuardView guard) {
  public FleetView {
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(guard, "guard");
  }

  /** A view without the guards' part. */
  public FleetView(FleetSnapshot fleet, TrafficSummary traffic, Instant at) {
    this(fleet, traffic, at, GuardView.empty());
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

  /**
   * What the fleet's tokens cost: every enrolled instance's bill while enrolled (idle time
   * included) against the tokens it served, at the view's moment.
   */
  public TokenCost cost() {
    TokenCost total = TokenCost.ZERO;
    for (Backend backend : fleet.backends()) {
      total = total.plus(backend.cost(at));
    }
    return total;
  }
}
