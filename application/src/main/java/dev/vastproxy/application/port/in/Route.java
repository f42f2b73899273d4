package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.routing.RoutingDecision;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a request goes, and for a routed request the lease that counts it in flight there, which
 * the caller releases exactly once.
 *
 * @param decision where it goes, or why it goes nowhere
 * @param lease the lease on the chosen backend, present exactly when the decision routes it
 */
public record Route(RoutingDecision decision, Optional<RequestLease> lease) {
  public Route {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(lease, "lease");
    if (lease.isPresent() != decision instanceof RoutingDecision.Routed) {
      throw new IllegalArgumentException("a lease comes with a routed decision, and only then");
    }
  }

  /** A route that goes nowhere. */
  public static Route nowhere(RoutingDecision decision) {
    return new Route(decision, Optional.empty());
  }

  /** A routed request, leased on its backend. */
  public static Route to(RoutingDecision.Routed decision) {
    return new Route(decision, Optional.of(RequestLease.on(decision.backend())));
  }
}
