package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses a backend for a request: the sticky instance when it can take it, otherwise the policy's
 * pick among the backends serving the requested model (or all of them).
 */
public final class RouteSelector {
  private static final RoutingDecision NO_BACKEND = new RoutingDecision.NoBackend();

  private final SelectionPolicy policy;
  private final int stickyLimit;

  /**
   * @param policy picks among candidates
   * @param stickyLimit a pinned backend with more requests than this in flight is passed over
   */
  public RouteSelector(SelectionPolicy policy, int stickyLimit) {
    this.policy = Objects.requireNonNull(policy, "policy");
    if (stickyLimit < 1) {
      throw new IllegalArgumentException("stickyLimit must be at least 1, got " + stickyLimit);
    }
    this.stickyLimit = stickyLimit;
  }

  /**
   * Routes a request.
   *
   * @param table the routable backends now
   * @param sticky the instance the request asks for, if any
   * @param model the model the request names, if any
   * @param excluded backends already tried for this request
   */
  public RoutingDecision select(
      RoutingTable table,
      Optional<InstanceId> sticky,
      Optional<String> model,
      Set<InstanceId> excluded) {
    if (table.isEmpty()) {
      return NO_BACKEND;
    }
    RouteGroup candidates;
    if (model.isPresent()) {
      Optional<RouteGroup> serving = table.serving(model.get());
      if (serving.isEmpty()) {
        return new RoutingDecision.UnknownModel(model.get(), table.models());
      }
      candidates = serving.get();
    } else {
      candidates = table.all();
    }
    RouteGroup remaining = candidates.without(excluded);
    if (sticky.isPresent() && !excluded.contains(sticky.get())) {
      Optional<Backend> pinned = table.backend(sticky.get());
      if (pinned.isPresent() && (model.isEmpty() || pinned.get().serves(model.get()))) {
        if (pinned.get().load().inFlight() <= stickyLimit) {
          return new RoutingDecision.Routed(pinned.get(), true);
        }
        // Spill over: relieve the busy pinned backend when another can take the request.
        RouteGroup others = remaining.without(Set.of(pinned.get().id()));
        remaining = others.isEmpty() ? remaining : others;
      }
    }
    if (remaining.isEmpty()) {
      return NO_BACKEND;
    }
    return new RoutingDecision.Routed(policy.choose(remaining), false);
  }

  /** The policy in use. */
  public SelectionPolicy policy() {
    return policy;
  }

  /** The sticky spill-over threshold. */
  public int stickyLimit() {
    return stickyLimit;
  }
}
