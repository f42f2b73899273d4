package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.BackendFailure;
import dev.vastproxy.application.port.in.ListModelsUseCase;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.Route;
import dev.vastproxy.application.port.in.RouteQuery;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.QueueLimit;
import dev.vastproxy.domain.routing.RouteSelector;
import dev.vastproxy.domain.routing.RoutingDecision;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Routes requests over the fleet's routing table and takes failing backends out of it. Failures are
 * reported on HTTP IO threads, which must never wait for the fleet's lock: they only count the
 * failure and hand the fleet change to the fleet's own thread.
 */
public final class RoutingService
    implements RouteRequestUseCase, ReportBackendFailureUseCase, ListModelsUseCase {
  private static final System.Logger LOG = System.getLogger(RoutingService.class.getName());

  private final Fleet fleet;
  private final RouteSelector selector;
  private final RequestStatistics statistics;
  private final KnownModels known;
  private final Clock clock;
  private final QueueLimit queues;
  private final Executor fleetWrites;
  private final FailureWindow failures = new FailureWindow();

  /** Routes without a queue limit, changing the fleet on the reporting thread (for tests). */
  public RoutingService(
      Fleet fleet,
      RouteSelector selector,
      RequestStatistics statistics,
      KnownModels known,
      Clock clock) {
    this(fleet, selector, statistics, known, clock, QueueLimit.OFF, Runnable::run);
  }

  /**
   * @param queues when the engines a new request could go to are all too full for it
   * @param fleetWrites the fleet's own thread, which takes a failing backend out
   */
  public RoutingService(
      Fleet fleet,
      RouteSelector selector,
      RequestStatistics statistics,
      KnownModels known,
      Clock clock,
      QueueLimit queues,
      Executor fleetWrites) {
    this.fleet = fleet;
    this.selector = selector;
    this.statistics = statistics;
    this.known = known;
    this.clock = clock;
    this.queues = queues;
    this.fleetWrites = fleetWrites;
  }

  @Override
  public Route route(RouteQuery query) {
    FleetSnapshot snapshot = fleet.snapshot();
    RoutingDecision decision =
        selector.select(snapshot.routing(), query.sticky(), query.model(), query.excluded());
    if (decision instanceof RoutingDecision.Routed routed) {
      // A retry or a resume goes on: its client already waited for it once.
      if (!query.isRetry()
          && queues.enabled()
          && queues.allOver(
              QueueLimit.candidates(snapshot.routing(), query.model()).orElseThrow())) {
        return Route.nowhere(new RoutingDecision.Overloaded(query.model()));
      }
      count(query);
      return Route.to(routed);
    }
    if (decision instanceof RoutingDecision.UnknownModel) {
      count(query);
    }
    if (query.model().isEmpty()) {
      return Route.nowhere(decision);
    }
    String model = query.model().get();
    return Route.nowhere(
        known.knows(snapshot, model) ? new RoutingDecision.ModelUnavailable(model) : decision);
  }

  /**
   * Counts a request once: when it is routed or refused for good, not each time a held request asks
   * again, nor its retries.
   */
  private void count(RouteQuery query) {
    if (!query.isRetry()) {
      statistics.record(query.sticky().isPresent());
    }
  }

  @Override
  public void reportFailure(InstanceId id, BackendFailure failure) {
    Instant now = clock.instant();
    boolean eject =
        failure.kind() == BackendFailure.Kind.UNREACHABLE || failures.countAndCheck(id, now);
    if (!eject) {
      LOG.log(Level.INFO, "backend {0} failed a request: {1}", id, failure.reason());
      return;
    }
    failures.forget(id);
    StateReason why =
        failure.kind() == BackendFailure.Kind.UNREACHABLE
            ? StateReason.of(StateReason.Cause.UNREACHABLE, failure.reason())
            : StateReason.of(
                StateReason.Cause.REQUEST_FAILURES,
                FailureWindow.THRESHOLD
                    + " requests failed within "
                    + FailureWindow.WINDOW.toSeconds()
                    + " s, the last: "
                    + failure.reason());
    try {
      fleetWrites.execute(() -> takeOut(id, failure, why, now));
    } catch (RejectedExecutionException e) {
      // The proxy is stopping: nothing routes any more.
    }
  }

  /** On the fleet's thread: marks the backend failed, if it is still enrolled. */
  private void takeOut(InstanceId id, BackendFailure failure, StateReason why, Instant now) {
    fleet.updateBackend(
        id,
        backend -> {
          if (backend.isRoutable()) {
            LOG.log(
                Level.WARNING,
                failure.kind() == BackendFailure.Kind.UNREACHABLE
                    ? "backend {0} taken out: {1}"
                    : "backend {0} taken out after repeated request failures, the last: {1}",
                id,
                failure.reason());
          }
          return backend.markFailed(now, why);
        });
  }

  @Override
  public void reportAnswered(InstanceId id) {
    failures.forget(id);
  }

  @Override
  public List<ModelCard> listModels() {
    return fleet.snapshot().routing().cards();
  }
}
