package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.RouteQuery;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoundRobinPolicy;
import dev.vastproxy.domain.routing.RouteSelector;
import dev.vastproxy.domain.routing.RoutingDecision;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingServiceTest {
  private final MutableClock clock = new MutableClock(T0);
  private final Fleet fleet = new Fleet();
  private final RequestStatistics statistics = new RequestStatistics(clock);
  private final RoutingService routing =
      new RoutingService(fleet, new RouteSelector(new RoundRobinPolicy(), 32), statistics, clock);
  private final FleetViewService view = new FleetViewService(fleet, statistics, clock);

  @BeforeEach
  void healthyFleet() {
    fleet.update(
        f ->
            f.withBackends(
                List.of(
                    Backend.discovered(Instances.runningVllm(1).build(), Transport.DIRECT, T0)
                        .markHealthy(Cards.of("a"), T0),
                    Backend.discovered(Instances.runningVllm(2).build(), Transport.DIRECT, T0)
                        .markHealthy(Cards.of("b", "a"), T0))));
  }

  private long routed(RouteQuery query) {
    return ((RoutingDecision.Routed) routing.route(query)).backend().id().value();
  }

  @Test
  void routesOverTheHealthyBackends() {
    assertThat(
            List.of(routed(RouteQuery.any()), routed(RouteQuery.any()), routed(RouteQuery.any())))
        .containsExactly(1L, 2L, 1L);
    assertThat(routed(new RouteQuery(Optional.empty(), Optional.of("b"), Set.of()))).isEqualTo(2);
    assertThat(routing.listModels()).containsExactly(Cards.card("a"), Cards.card("b"));
  }

  @Test
  void countsRequestsAndStickyShareButNotRetries() {
    routing.route(RouteQuery.any());
    routing.route(new RouteQuery(Optional.of(new InstanceId(2)), Optional.empty(), Set.of()));
    routing.route(new RouteQuery(Optional.empty(), Optional.empty(), Set.of(new InstanceId(1))));

    FleetView seen = view.observeFleet();

    assertThat(seen.traffic().recentRequests()).isEqualTo(2);
    assertThat(seen.traffic().stickyShare()).hasValue(0.5);
    assertThat(seen.at()).isEqualTo(T0);
    assertThat(seen.dollarsPerHour()).isCloseTo(1.28, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aTransportFailureTakesTheBackendOutAtOnce() {
    routing.reportFailure(new InstanceId(1), "connection reset");

    assertThat(fleet.snapshot().backend(new InstanceId(1)).orElseThrow().state())
        .isEqualTo(BackendState.UNHEALTHY);
    for (int i = 0; i < 4; i++) {
      assertThat(routed(RouteQuery.any())).isEqualTo(2);
    }
    routing.reportFailure(new InstanceId(1), "again");
    routing.reportFailure(new InstanceId(99), "unknown backend");
  }

  @Test
  void countsInFlightRequestsAcrossTheFleet() {
    fleet.snapshot().backends().get(0).load().begin();
    fleet.snapshot().backends().get(1).load().begin();
    fleet.snapshot().backends().get(1).load().begin();

    assertThat(view.observeFleet().traffic().inFlight()).isEqualTo(3);
  }
}
