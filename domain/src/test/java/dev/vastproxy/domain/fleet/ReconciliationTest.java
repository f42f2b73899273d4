package dev.vastproxy.domain.fleet;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  private static FleetSnapshot reconcile(FleetSnapshot fleet, Instant now, Instance... listed) {
    return Reconciliation.apply(fleet, List.of(listed), Transport.DIRECT, now);
  }

  private static BackendState stateOf(FleetSnapshot fleet, long id) {
    return fleet.backend(new InstanceId(id)).map(Backend::state).orElse(null);
  }

  @Test
  void runningInstancesEnterAsDiscovered() {
    FleetSnapshot fleet =
        reconcile(
            FleetSnapshot.empty(),
            T0,
            Instances.runningVllm(1).build(),
            Instances.runningVllm(2).status("loading").build(),
            Instances.runningVllm(3).status("").build());

    assertThat(fleet.backends()).extracting(Backend::id).containsExactly(new InstanceId(1));
    assertThat(stateOf(fleet, 1)).isEqualTo(BackendState.DISCOVERED);
    assertThat(fleet.backends().get(0).since()).isEqualTo(T0);
  }

  @Test
  void changedFieldsUpdateInPlace() {
    FleetSnapshot first = reconcile(FleetSnapshot.empty(), T0, Instances.runningVllm(1).build());
    FleetSnapshot healthy =
        first.withBackend(first.backends().get(0).markHealthy(Cards.of("m"), T0));

    FleetSnapshot updated =
        reconcile(healthy, T0.plusSeconds(10), Instances.runningVllm(1).label("proxied").build());

    Backend backend = updated.backends().get(0);
    assertThat(backend.instance().label()).contains("proxied");
    assertThat(backend.state()).isEqualTo(BackendState.HEALTHY);
    assertThat(backend.since()).isEqualTo(T0);
    assertThat(reconcile(updated, T0.plusSeconds(20), backend.instance())).isSameAs(updated);
  }

  @Test
  void vanishedInstancesAreRemovedThenForgottenAfterFiveMinutes() {
    FleetSnapshot fleet =
        reconcile(
            FleetSnapshot.empty(),
            T0,
            Instances.runningVllm(1).build(),
            Instances.runningVllm(2).build());

    FleetSnapshot vanished = reconcile(fleet, T0.plusSeconds(10), Instances.runningVllm(1).build());
    FleetSnapshot stopped =
        reconcile(vanished, T0.plusSeconds(20), Instances.runningVllm(1).status("stopped").build());

    assertThat(stateOf(vanished, 2)).isEqualTo(BackendState.REMOVING);
    assertThat(vanished.backend(new InstanceId(2)).orElseThrow().since())
        .isEqualTo(T0.plusSeconds(10));
    assertThat(stateOf(stopped, 1)).isEqualTo(BackendState.REMOVING);

    Instant justBefore = T0.plusSeconds(10).plus(Reconciliation.FORGET_AFTER).minusMillis(1);
    assertThat(stateOf(reconcile(stopped, justBefore), 2)).isEqualTo(BackendState.REMOVING);
    FleetSnapshot purged = reconcile(stopped, T0.plusSeconds(10).plus(Reconciliation.FORGET_AFTER));
    assertThat(purged.backend(new InstanceId(2))).isEmpty();
    assertThat(stateOf(purged, 1)).isEqualTo(BackendState.REMOVING);
  }

  @Test
  void aReturningInstanceIsDiscoveredAnew() {
    FleetSnapshot fleet = reconcile(FleetSnapshot.empty(), T0, Instances.runningVllm(1).build());
    Backend original = fleet.backends().get(0);
    FleetSnapshot removed = reconcile(fleet, T0.plusSeconds(10));

    FleetSnapshot back = reconcile(removed, T0.plusSeconds(20), Instances.runningVllm(1).build());
    FleetSnapshot forgotten = reconcile(removed, T0.plus(Duration.ofMinutes(6)));
    FleetSnapshot backLater =
        reconcile(forgotten, T0.plus(Duration.ofMinutes(7)), Instances.runningVllm(1).build());

    Backend again = back.backends().get(0);
    assertThat(again.state()).isEqualTo(BackendState.DISCOVERED);
    assertThat(again.since()).isEqualTo(T0.plusSeconds(20));
    assertThat(again.load()).isNotSameAs(original.load());
    assertThat(forgotten.backends()).isEmpty();
    assertThat(stateOf(backLater, 1)).isEqualTo(BackendState.DISCOVERED);
  }

  @Test
  void aSuccessfulListingClearsTheProblem() {
    FleetSnapshot failing =
        FleetSnapshot.empty()
            .withProblem(Optional.of(new FleetProblem("vast.ai: HTTP 503", T0, 3, false)));

    assertThat(reconcile(failing, T0).problem()).isEmpty();
  }

  @Test
  void forgetExpiredKeepsEverythingElse() {
    FleetSnapshot fleet =
        reconcile(
            FleetSnapshot.empty(),
            T0,
            Instances.runningVllm(1).build(),
            Instances.runningVllm(2).build());
    FleetSnapshot removed = reconcile(fleet, T0, Instances.runningVllm(1).build());

    assertThat(Reconciliation.forgetExpired(removed, T0.plusSeconds(60))).isSameAs(removed);
    assertThat(Reconciliation.forgetExpired(removed, T0.plus(Duration.ofMinutes(5))).backends())
        .extracting(Backend::id)
        .containsExactly(new InstanceId(1));
  }

  @Test
  void tunnelledBackendsWaitForTheirTunnel() {
    FleetSnapshot fleet =
        Reconciliation.apply(
            FleetSnapshot.empty(),
            List.of(Instances.runningVllm(1).build()),
            Transport.SSH_TUNNEL,
            T0);

    assertThat(fleet.backends().get(0).transport()).isEqualTo(Transport.SSH_TUNNEL);
    assertThat(fleet.backends().get(0).endpoint()).isEmpty();
  }
}
