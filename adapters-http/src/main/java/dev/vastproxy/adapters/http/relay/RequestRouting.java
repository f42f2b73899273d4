package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.application.port.in.RequestLease;
import dev.vastproxy.application.port.in.Route;
import dev.vastproxy.application.port.in.RouteQuery;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingDecision;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One request's dealings with routing: the routes it asks for, the backends it has tried (it is not
 * sent to them again), its retries before the first byte, and the lease that counts it in flight on
 * the backend it is with, released exactly once.
 */
final class RequestRouting {
  private final RouteRequestUseCase routing;
  private final Optional<InstanceId> sticky;
  private final int maxRetries;
  private Set<InstanceId> tried = Set.of();
  private int retries;
  private RequestLease lease;

  RequestRouting(RouteRequestUseCase routing, Optional<InstanceId> sticky, int maxRetries) {
    this.routing = routing;
    this.sticky = sticky;
    this.maxRetries = maxRetries;
  }

  /** Where the request goes now: its sticky instance if it can, never a backend it tried. */
  RoutingDecision next(Optional<String> model) {
    return ask(new RouteQuery(sticky, model, tried));
  }

  /** Another backend of the model, not {@code failed}, for a retry while retries are left. */
  Optional<Backend> retryTarget(Optional<String> model, Backend failed) {
    if (!retryLeft()) {
      return Optional.empty();
    }
    Optional<Backend> next = routed(new RouteQuery(Optional.empty(), model, with(failed.id())));
    next.ifPresent(backend -> retried());
    return next;
  }

  /** Another backend of the model to continue a broken stream, never one tried. */
  Optional<Backend> resumeTarget(Optional<String> model) {
    return routed(new RouteQuery(Optional.empty(), model, tried));
  }

  /** Whether the request may still go to another engine before its answer began. */
  boolean retryLeft() {
    return retries < maxRetries;
  }

  /** Counts one retry before the first byte. */
  void retried() {
    retries++;
  }

  /** Counts a backend as tried. */
  void tried(Backend backend) {
    tried = with(backend.id());
  }

  /** How many backends were tried. */
  int triedCount() {
    return tried.size();
  }

  /** The request is over: it is no longer in flight anywhere. */
  void release() {
    if (lease != null) {
      lease.release();
    }
  }

  /** Asks for a route; a routed one's lease takes over from the lease on the last backend. */
  private RoutingDecision ask(RouteQuery query) {
    Route route = routing.route(query);
    if (route.lease().isPresent()) {
      release();
      lease = route.lease().get();
    }
    return route.decision();
  }

  private Optional<Backend> routed(RouteQuery query) {
    return ask(query) instanceof RoutingDecision.Routed routed
        ? Optional.of(routed.backend())
        : Optional.empty();
  }

  private Set<InstanceId> with(InstanceId also) {
    Set<InstanceId> more = new HashSet<>(tried);
    more.add(also);
    return Set.copyOf(more);
  }
}
