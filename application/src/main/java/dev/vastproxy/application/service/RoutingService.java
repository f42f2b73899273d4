package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.ListModelsUseCase;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.RouteQuery;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RouteSelector;
import dev.vastproxy.domain.routing.RoutingDecision;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;

/** Routes requests over the fleet's routing table and takes failing backends out of it. */
public final class RoutingService
    implements RouteRequestUseCase, ReportBackendFailureUseCase, ListModelsUseCase {
  private static final System.Logger LOG = System.getLogger(RoutingService.class.getName());

  private final Fleet fleet;
  private final RouteSelector selector;
  private final RequestStatistics statistics;
  private final Clock clock;

  public RoutingService(
      Fleet fleet, RouteSelector selector, RequestStatistics statistics, Clock clock) {
    this.fleet = fleet;
    this.selector = selector;
    this.statistics = statistics;
    this.clock = clock;
  }

  @Override
  public RoutingDecision route(RouteQuery query) {
    if (!query.isRetry()) {
      statistics.record(query.sticky().isPresent());
    }
    return selector.select(
        fleet.snapshot().routing(), query.sticky(), query.model(), query.excluded());
  }

  @Override
  public void reportFailure(InstanceId id, String reason) {
    fleet.updateBackend(
        id,
        backend -> {
          if (backend.isRoutable()) {
            LOG.log(Level.WARNING, "backend {0} failed while proxying: {1}", id, reason);
          }
          return backend.markFailed(clock.instant());
        });
  }

  @Override
  public List<ModelCard> listModels() {
    return fleet.snapshot().routing().cards();
  }
}
