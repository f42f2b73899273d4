package dev.vastproxy.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectionPoliciesTest {

  private static RouteGroup group(Backend... backends) {
    return RoutingTable.build(List.of(backends), RoutingTable.empty()).all();
  }

  private static Backend busy(long id, int inFlight) {
    Backend backend = Instances.healthy(id);
    for (int i = 0; i < inFlight; i++) {
      backend.load().begin();
    }
    return backend;
  }

  @Test
  void roundRobinTakesMembersInIdOrder() {
    RouteGroup group = group(Instances.healthy(3), Instances.healthy(1), Instances.healthy(2));
    RoundRobinPolicy policy = new RoundRobinPolicy();

    List<Long> picks = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      picks.add(policy.choose(group).id().value());
    }

    assertThat(picks).containsExactly(1L, 2L, 3L, 1L, 2L, 3L, 1L);
  }

  @Test
  void leastRequestsPrefersTheIdlest() {
    RouteGroup group = group(busy(1, 5), busy(2, 1), busy(3, 3));

    assertThat(new LeastRequestsPolicy().choose(group).id().value()).isEqualTo(2);
  }

  @Test
  void leastRequestsBreaksTiesRoundRobin() {
    RouteGroup group = group(busy(1, 2), busy(2, 2), busy(3, 2));
    LeastRequestsPolicy policy = new LeastRequestsPolicy();

    List<Long> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(policy.choose(group).id().value());
    }

    assertThat(picks).containsExactly(1L, 2L, 3L, 1L, 2L, 3L);
  }

  @Test
  void powerOfTwoTakesTheLessBusyOfTwoDistinctDraws() {
    Backend idle = busy(1, 0);
    Backend loaded = busy(2, 10);
    RouteGroup group = group(idle, loaded);
    PowerOfTwoPolicy policy = new PowerOfTwoPolicy();

    for (int i = 0; i < 1000; i++) {
      assertThat(policy.choose(group)).isSameAs(idle);
    }
    assertThat(policy.choose(group(loaded))).isSameAs(loaded);
  }

  @Test
  void powerOfTwoNeverTakesTheBusiestOfThree() {
    RouteGroup group = group(busy(1, 0), busy(2, 1), busy(3, 9));
    PowerOfTwoPolicy policy = new PowerOfTwoPolicy();
    Map<Long, Integer> counts = new HashMap<>();

    for (int i = 0; i < 3000; i++) {
      counts.merge(policy.choose(group).id().value(), 1, Integer::sum);
    }

    assertThat(counts).doesNotContainKey(3L).containsKeys(1L, 2L);
  }

  @Test
  void powerOfTwoNeverPicksAnUnhealthyBackend() {
    RoutingTable table =
        RoutingTable.build(
            List.of(
                Instances.healthy(1),
                Instances.healthy(2).markFailed(Instances.T0, Reasons.FAILED),
                Instances.healthy(3),
                Instances.discovered(4),
                busy(5, 0).markFailed(Instances.T0, Reasons.FAILED)),
            RoutingTable.empty());
    RouteSelector selector = new RouteSelector(new PowerOfTwoPolicy(), 32);

    for (int i = 0; i < 10_000; i++) {
      RoutingDecision decision =
          selector.select(table, Optional.empty(), Optional.empty(), Set.of());
      assertThat(((RoutingDecision.Routed) decision).backend().id().value()).isIn(1L, 3L);
    }
  }

  static Stream<Arguments> policies() {
    return Stream.of(
        Arguments.of(new RoundRobinPolicy()),
        Arguments.of(new LeastRequestsPolicy()),
        Arguments.of(new PowerOfTwoPolicy()),
        Arguments.of(new LeastLoadPolicy()));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void refuseEmptyGroups(SelectionPolicy policy) {
    assertThatThrownBy(() -> policy.choose(RoutingTable.empty().all()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Policies.named(policy.name())).get().isInstanceOf(policy.getClass());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "random", "ROUND-ROBIN"})
  void unknownNamesNameNoPolicy(String name) {
    assertThat(Policies.named(name)).isEmpty();
    assertThat(Policies.named(null)).isEmpty();
    assertThat(Policies.names())
        .containsExactly("least-load", "round-robin", "least-requests", "power-of-two");
    assertThat(Policies.DEFAULT).isEqualTo("least-load");
  }

  @Test
  void namesAreTrimmed() {
    assertThat(Policies.named(" least-requests ")).get().isInstanceOf(LeastRequestsPolicy.class);
    assertThat(new InstanceId(1)).isNotNull();
  }
}
