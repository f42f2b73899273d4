package dev.vastproxy.domain.routing;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteSelectorTest {
  private final Backend a = Instances.healthy(1, "llama");
  private final Backend b = Instances.healthy(2, "llama");
  private final Backend c = Instances.healthy(3, "qwen");
  private final RoutingTable table = RoutingTable.build(List.of(a, b, c), RoutingTable.empty());
  private final RouteSelector selector = new RouteSelector(new RoundRobinPolicy(), 32);

  private RoutingDecision select(Long sticky, String model, Long... excluded) {
    return selector.select(
        table,
        sticky == null ? Optional.empty() : Optional.of(new InstanceId(sticky)),
        Optional.ofNullable(model),
        Set.of(Arrays.stream(excluded).map(InstanceId::new).toArray(InstanceId[]::new)));
  }

  private static long routedTo(RoutingDecision decision) {
    return ((RoutingDecision.Routed) decision).backend().id().value();
  }

  @Test
  void noBackendWhenTheTableIsEmpty() {
    assertThat(selector.select(RoutingTable.empty(), Optional.empty(), Optional.of("x"), Set.of()))
        .isInstanceOf(RoutingDecision.NoBackend.class);
  }

  @Test
  void roundRobinOverAllWithoutAModel() {
    assertThat(
            List.of(select(null, null), select(null, null), select(null, null), select(null, null)))
        .extracting(RouteSelectorTest::routedTo)
        .containsExactly(1L, 2L, 3L, 1L);
  }

  @Test
  void onlyBackendsOfTheRequestedModel() {
    for (int i = 0; i < 10; i++) {
      assertThat(routedTo(select(null, "llama"))).isIn(1L, 2L);
      assertThat(routedTo(select(null, "qwen"))).isEqualTo(3L);
    }
  }

  @Test
  void unknownModelListsWhatIsOnOffer() {
    RoutingDecision decision = select(null, "gpt-4");

    assertThat(decision)
        .isEqualTo(new RoutingDecision.UnknownModel("gpt-4", List.of("llama", "qwen")));
  }

  @ParameterizedTest(name = "sticky={0} model={1} -> pinned={2}")
  @CsvSource(
      value = {
        "2, NULL, true",
        "3, NULL, true",
        "2, llama, true",
        "3, llama, false",
        "99, NULL, false"
      },
      nullValues = "NULL")
  void stickyPinsWhenTheInstanceCanServe(long sticky, String model, boolean pinned) {
    RoutingDecision decision = select(sticky, model);

    assertThat(((RoutingDecision.Routed) decision).pinned()).isEqualTo(pinned);
    if (pinned) {
      assertThat(routedTo(decision)).isEqualTo(sticky);
    }
  }

  @Test
  void stickyToAnUnhealthyInstanceFallsBack() {
    Backend sick = b.markFailed(T0, Reasons.FAILED);
    RoutingTable withSick = RoutingTable.build(List.of(a, sick, c), table);

    RoutingDecision decision =
        selector.select(withSick, Optional.of(new InstanceId(2)), Optional.empty(), Set.of());

    assertThat(((RoutingDecision.Routed) decision).pinned()).isFalse();
    assertThat(routedTo(decision)).isNotEqualTo(2L);
  }

  @Test
  void stickySpillsOverExactlyAboveTheLimit() {
    RouteSelector strict = new RouteSelector(new RoundRobinPolicy(), 3);
    Optional<InstanceId> pin = Optional.of(new InstanceId(1));
    for (int i = 0; i < 3; i++) {
      a.load().begin();
    }

    RoutingDecision atLimit = strict.select(table, pin, Optional.empty(), Set.of());
    a.load().begin();
    RoutingDecision aboveLimit = strict.select(table, pin, Optional.empty(), Set.of());

    assertThat(((RoutingDecision.Routed) atLimit).pinned()).isTrue();
    assertThat(((RoutingDecision.Routed) aboveLimit).pinned()).isFalse();
    assertThat(routedTo(aboveLimit)).isNotEqualTo(1L);
  }

  @Test
  void retriesSkipExcludedBackends() {
    for (int i = 0; i < 6; i++) {
      assertThat(routedTo(select(null, null, 1L, 3L))).isEqualTo(2L);
    }
    assertThat(select(1L, null, 1L)).extracting(RouteSelectorTest::routedTo).isNotEqualTo(1L);
    assertThat(select(null, "qwen", 3L)).isInstanceOf(RoutingDecision.NoBackend.class);
  }

  @Test
  void validatesItsSettings() {
    assertThatThrownBy(() -> new RouteSelector(new RoundRobinPolicy(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(selector.stickyLimit()).isEqualTo(32);
    assertThat(selector.policy()).isInstanceOf(RoundRobinPolicy.class);
  }
}
