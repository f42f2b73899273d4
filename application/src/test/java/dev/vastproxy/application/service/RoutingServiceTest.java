package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.BackendFailure;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.Route;
import dev.vastproxy.application.port.in.RouteQuery;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import dev.vastproxy.domain.routing.QueueLimit;
import dev.vastproxy.domain.routing.RoundRobinPolicy;
import dev.vastproxy.domain.routing.RouteSelector;
import dev.vastproxy.domain.routing.RoutingDecision;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import dev.vastproxy.domain.testing.Reasons;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingServiceTest {
  private final MutableClock clock = new MutableClock(T0);
  private final Fleet fleet = new Fleet();
  private final RequestStatistics statistics = new RequestStatistics(clock);
  private final KnownModels known = new KnownModels(clock);
  private final RoutingService routing =
      new RoutingService(
          fleet, new RouteSelector(new RoundRobinPolicy(), 32), statistics, known, clock);
  private final FleetViewService view = new FleetViewService(fleet, statistics, clock);

  @BeforeEach
  void healthyFleet() {
    fleet.addListener(known);
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
    Route route = routing.route(query);
    route.lease().orElseThrow().release();
    return ((RoutingDecision.Routed) route.decision()).backend().id().value();
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
    assertThat(seen.dollarsPerHour()).isCloseTo(1.28, Offset.offset(1e-9));
  }

  private BackendState state(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).orElseThrow().state();
  }

  @Test
  void anUnreachableBackendIsTakenOutAtOnce() {
    routing.reportFailure(new InstanceId(1), BackendFailure.unreachable("connection refused"));

    assertThat(state(1)).isEqualTo(BackendState.UNHEALTHY);
    assertThat(reason(1))
        .isEqualTo(StateReason.of(StateReason.Cause.UNREACHABLE, "connection refused"));
    for (int i = 0; i < 4; i++) {
      assertThat(routed(RouteQuery.any())).isEqualTo(2);
    }
    routing.reportFailure(new InstanceId(1), BackendFailure.unreachable("again"));
    routing.reportFailure(new InstanceId(99), BackendFailure.unreachable("unknown backend"));
  }

  @Test
  void oneFailedRequestDoesNotEjectButRepeatedFailuresDo() {
    BackendFailure reset = BackendFailure.requestFailed("connection reset");

    routing.reportFailure(new InstanceId(1), reset);
    clock.advance(Duration.ofSeconds(1));
    routing.reportFailure(new InstanceId(1), reset);
    assertThat(state(1)).isEqualTo(BackendState.HEALTHY);

    routing.reportFailure(new InstanceId(1), reset);
    assertThat(state(1)).isEqualTo(BackendState.UNHEALTHY);
    assertThat(state(2)).isEqualTo(BackendState.HEALTHY);
    assertThat(reason(1).cause()).isEqualTo(StateReason.Cause.REQUEST_FAILURES);
    assertThat(reason(1).detail())
        .isEqualTo("3 requests failed within 60 s, the last: connection reset");
  }

  private StateReason reason(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).orElseThrow().reason();
  }

  @Test
  void anAnsweredRequestClearsTheFailuresBeforeIt() {
    BackendFailure reset = BackendFailure.requestFailed("connection reset");
    for (int i = 0; i < 10; i++) {
      routing.reportFailure(new InstanceId(1), reset);
      routing.reportAnswered(new InstanceId(1));
    }

    assertThat(state(1)).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    BackendFailure reset = BackendFailure.requestFailed("connection reset");
    routing.reportFailure(new InstanceId(1), reset);
    routing.reportFailure(new InstanceId(1), reset);

    clock.advance(FailureWindow.WINDOW.plusSeconds(1));
    routing.reportFailure(new InstanceId(1), reset);
    routing.reportFailure(new InstanceId(1), reset);

    assertThat(state(1)).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void aKnownModelWithoutAHealthyBackendIsUnavailableNotUnknown() {
    fleet.updateBackend(new InstanceId(2), b -> b.markFailed(T0, Reasons.FAILED));
    RouteQuery forB = new RouteQuery(Optional.empty(), Optional.of("b"), Set.of());
    RouteQuery forC = new RouteQuery(Optional.empty(), Optional.of("c"), Set.of());

    assertThat(routing.route(forB).decision()).isEqualTo(new RoutingDecision.ModelUnavailable("b"));
    assertThat(routing.route(forC).decision()).isInstanceOf(RoutingDecision.UnknownModel.class);
  }

  @Test
  void aModelIsRememberedForAWhileAfterItsLastBackendLeft() {
    RouteQuery forB = new RouteQuery(Optional.empty(), Optional.of("b"), Set.of());
    fleet.update(f -> f.withBackends(List.of(f.backend(new InstanceId(1)).orElseThrow())));

    assertThat(routing.route(forB).decision()).isEqualTo(new RoutingDecision.ModelUnavailable("b"));
    clock.advance(KnownModels.MEMORY.plusSeconds(1));
    assertThat(routing.route(forB).decision()).isInstanceOf(RoutingDecision.UnknownModel.class);
  }

  @Test
  void countsInFlightRequestsAcrossTheFleet() {
    fleet.snapshot().backends().get(0).load().begin();
    fleet.snapshot().backends().get(1).load().begin();
    fleet.snapshot().backends().get(1).load().begin();

    assertThat(view.observeFleet().traffic().inFlight()).isEqualTo(3);
  }

  @Test
  void aRoutedRequestIsInFlightUntilItsLeaseIsReleasedOnce() {
    Route route = routing.route(RouteQuery.any());
    Backend backend = ((RoutingDecision.Routed) route.decision()).backend();
    assertThat(backend.load().inFlight()).isEqualTo(1);

    route.lease().orElseThrow().release();
    route.lease().orElseThrow().release();

    assertThat(backend.load().inFlight()).isZero();
    assertThat(route.lease().orElseThrow().released()).isTrue();
    assertThat(routing.route(new RouteQuery(Optional.empty(), Optional.of("z"), Set.of())).lease())
        .isEmpty();
  }

  @Test
  void aRediscoveredInstanceIsANewIncarnation() {
    Backend first = fleet.snapshot().backend(new InstanceId(1)).orElseThrow();
    Backend again = Backend.discovered(first.instance(), Transport.DIRECT, T0);

    assertThat(first.markFailed(T0, Reasons.FAILED).incarnation()).isEqualTo(first.incarnation());
    assertThat(again.incarnation()).isNotEqualTo(first.incarnation());
  }

  @Test
  void aRequestWhoseEnginesAllReportFullQueuesIsOverloadedButItsRetryIsNot() {
    RoutingService limited =
        new RoutingService(
            fleet,
            new RouteSelector(new RoundRobinPolicy(), 32),
            statistics,
            known,
            clock,
            new QueueLimit(4),
            Runnable::run);
    queued(1, 5);
    queued(2, 9);
    RouteQuery forA = new RouteQuery(Optional.empty(), Optional.of("a"), Set.of());

    Route full = limited.route(forA);

    assertThat(full.decision()).isEqualTo(new RoutingDecision.Overloaded(Optional.of("a")));
    assertThat(full.lease()).isEmpty();
    assertThat(fleet.snapshot().backends()).allMatch(b -> b.load().inFlight() == 0);
    Route retry =
        limited.route(
            new RouteQuery(Optional.empty(), Optional.of("a"), Set.of(new InstanceId(1))));
    assertThat(retry.decision()).isInstanceOf(RoutingDecision.Routed.class);
    retry.lease().orElseThrow().release();

    queued(1, 4);
    Route room = limited.route(forA);
    assertThat(room.decision()).isInstanceOf(RoutingDecision.Routed.class);
    room.lease().orElseThrow().release();
    assertThat(view.observeFleet().queued()).isEqualTo(13);
  }

  private void queued(long id, int waiting) {
    fleet
        .snapshot()
        .backend(new InstanceId(id))
        .orElseThrow()
        .load()
        .signals()
        .record(new LoadReading(EngineReport.of(1, waiting), T0, 0, OptionalDouble.empty()));
  }
}
