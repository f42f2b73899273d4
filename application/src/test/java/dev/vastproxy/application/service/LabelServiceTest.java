package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.Reconciliation;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import dev.vastproxy.domain.testing.Reasons;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelServiceTest {
  private final Fleet fleet = new Fleet();
  private final List<String> calls = new ArrayList<>();
  private boolean failing;
  private final LabelInstancePort api =
      (id, label) -> {
        if (failing) {
          throw new VastApiException(VastApiException.Kind.UNAVAILABLE, "HTTP 503");
        }
        calls.add(id + "=" + label);
      };
  private final Set<InstanceId> stopped = new HashSet<>();
  private final LabelService labels =
      new LabelService(api, Runnable::run, "proxied", new MutableClock(T0), stopped::contains);

  @BeforeEach
  void listen() {
    fleet.addListener(labels);
  }

  private void list(Instance... instances) {
    fleet.update(f -> Reconciliation.apply(f, List.of(instances), Transport.DIRECT, T0));
  }

  private void become(long id, BackendState state) {
    fleet.updateBackend(
        new InstanceId(id),
        b ->
            state == BackendState.HEALTHY
                ? b.markHealthy(Cards.of("m"), T0)
                : state == BackendState.UNHEALTHY
                    ? b.markFailed(T0, Reasons.FAILED)
                    : b.transitionTo(state, T0, Reasons.GONE));
  }

  @Test
  void labelsHealthyBackendsAndClearsOursWhenTheyFail() {
    list(Instances.runningVllm(1).build());
    become(1, BackendState.HEALTHY);
    become(1, BackendState.UNHEALTHY);
    become(1, BackendState.HEALTHY);
    list();

    assertThat(calls).containsExactly("1=proxied", "1=", "1=proxied", "1=");
  }

  @Test
  void aLabelTheUserSetSinceStays() {
    list(Instances.runningVllm(1).build());
    become(1, BackendState.HEALTHY);
    list(Instances.runningVllm(1).label("my-experiment").build());

    become(1, BackendState.UNHEALTHY);

    assertThat(calls).containsExactly("1=proxied");
  }

  @Test
  void anInstanceAlreadyLabelledOursNeedsNoCallButIsClearedLater() {
    list(Instances.runningVllm(1).label("proxied").build());
    become(1, BackendState.HEALTHY);
    become(1, BackendState.UNHEALTHY);

    assertThat(calls).containsExactly("1=");
  }

  @Test
  void neverLabelledBackendsAreNotCleared() {
    list(Instances.runningVllm(1).build());
    list();

    assertThat(calls).isEmpty();
  }

  @Test
  void clearAllClearsEveryLabelWeSet() {
    list(
        Instances.runningVllm(1).build(),
        Instances.runningVllm(2).build(),
        Instances.runningVllm(3).build());
    become(1, BackendState.HEALTHY);
    become(2, BackendState.HEALTHY);
    calls.clear();

    labels.clearAll().join();

    assertThat(calls).containsExactlyInAnyOrder("1=", "2=");
  }

  @Test
  void aBackendTheIdleGuardTakesOutKeepsItsLabelForTheStopMark() {
    list(Instances.runningVllm(1).build(), Instances.runningVllm(2).build());
    become(1, BackendState.HEALTHY);
    become(2, BackendState.HEALTHY);
    calls.clear();

    fleet.updateBackend(
        new InstanceId(1),
        b ->
            b.transitionTo(
                BackendState.REMOVING, T0, StateReason.of(StateReason.Cause.IDLE, "idle")));
    labels.clearAll().join();

    assertThat(calls).as("only the other backend's label is cleared").containsExactly("2=");
  }

  @Test
  void anInstanceAnotherReplicaStoppedKeepsItsLabelForTheStopMark() {
    list(Instances.runningVllm(1).build(), Instances.runningVllm(2).build());
    become(1, BackendState.HEALTHY);
    become(2, BackendState.HEALTHY);
    calls.clear();

    // The listing that shows instance 1 stopped also shows another replica's stop mark.
    stopped.add(new InstanceId(1));
    list(Instances.runningVllm(2).build());
    labels.clearAll().join();

    assertThat(calls).as("only the other backend's label is cleared").containsExactly("2=");
  }

  @Test
  void failuresAreLoggedAndDoNotStopLabelling() {
    failing = true;
    list(Instances.runningVllm(1).build());
    become(1, BackendState.HEALTHY);
    failing = false;
    become(1, BackendState.UNHEALTHY);
    labels.clearAll().join();

    assertThat(calls).isEmpty();
  }

  @Test
  void failedClearsAreRetriedAtShutdown() {
    list(Instances.runningVllm(1).build());
    become(1, BackendState.HEALTHY);
    failing = true;
    become(1, BackendState.UNHEALTHY);
    failing = false;

    labels.clearAll().join();

    assertThat(calls).containsExactly("1=proxied", "1=");
  }

  @Test
  void aUsersLabelIsNeverWrittenOverWhenTheBackendTurnsHealthy() {
    list(Instances.runningVllm(1).label("my-experiment").build());
    become(1, BackendState.HEALTHY);
    labels.listed(fleet.snapshot(), T0);

    assertThat(calls).isEmpty();
  }

  @Test
  void eachListingRestoresAnEmptyLabelOnHealthyBackendsOnly() {
    list(Instances.runningVllm(1).build(), Instances.runningVllm(2).build());
    become(1, BackendState.HEALTHY);
    calls.clear();

    // Another replica cleared it: the next listing reads empty, and was asked for after our write.
    labels.listed(fleet.snapshot(), T0.plusSeconds(1));

    assertThat(calls).containsExactly("1=proxied");
  }

  @Test
  void aListingAskedForBeforeOurWriteDoesNotCauseAnotherOne() {
    list(Instances.runningVllm(1).build());
    become(1, BackendState.HEALTHY);

    labels.listed(fleet.snapshot(), T0.minusSeconds(1));
    list(Instances.runningVllm(1).label("proxied").build());
    labels.listed(fleet.snapshot(), T0.plusSeconds(1));

    assertThat(calls).containsExactly("1=proxied");
  }

  @Test
  void aFailedWriteIsTriedAgainAtTheNextListing() {
    list(Instances.runningVllm(1).build());
    failing = true;
    become(1, BackendState.HEALTHY);
    failing = false;

    labels.listed(fleet.snapshot(), T0);

    assertThat(calls).containsExactly("1=proxied");
  }

  @Test
  void nothingIsWrittenOnceStopping() {
    list(Instances.runningVllm(1).build());
    labels.clearAll().join();
    become(1, BackendState.HEALTHY);
    labels.listed(fleet.snapshot(), T0);

    assertThat(calls).isEmpty();
  }

  @Test
  void disabledLabellingMakesNoCalls() {
    LabelService off = new LabelService(api, Runnable::run, " ", new MutableClock(T0), id -> false);
    Fleet other = new Fleet();
    other.addListener(off);
    other.update(
        f ->
            Reconciliation.apply(
                f, List.of(Instances.runningVllm(1).build()), Transport.DIRECT, T0));
    other.updateBackend(new InstanceId(1), b -> b.markHealthy(Cards.of("m"), T0));

    assertThat(off.enabled()).isFalse();
    off.listed(other.snapshot(), T0);
    assertThat(off.clearAll().join()).isNull();
    assertThat(calls).isEmpty();
  }
}
