package dev.vastproxy.domain.fleet;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetTest {
  private final Fleet fleet = new Fleet();

  @Test
  void startsEmpty() {
    assertThat(fleet.snapshot().backends()).isEmpty();
    assertThat(fleet.snapshot().routing().isEmpty()).isTrue();
    assertThat(fleet.snapshot().problem()).isEmpty();
  }

  @Test
  void tellsListenersOfEveryChangeInOrder() {
    List<Long> versions = new ArrayList<>();
    fleet.addListener((before, after) -> versions.add(after.version()));

    fleet.update(s -> s.withBackend(Instances.discovered(1)));
    fleet.update(s -> s);
    fleet.updateBackend(new InstanceId(1), b -> b.markHealthy(Cards.of("m"), T0));
    fleet.updateBackend(new InstanceId(9), b -> b.markHealthy(Cards.of("m"), T0));

    assertThat(versions).containsExactly(1L, 2L);
    assertThat(fleet.snapshot().routing().models()).containsExactly("m");
  }

  @Test
  void aFailingListenerDoesNotStopTheOthersOrTheChange() {
    List<String> heard = new ArrayList<>();
    fleet.addListener(
        (before, after) -> {
          throw new IllegalStateException("first");
        });
    fleet.addListener((before, after) -> heard.add("second"));
    fleet.addListener(
        (before, after) -> {
          throw new IllegalStateException("third");
        });

    assertThatThrownBy(() -> fleet.update(s -> s.withBackend(Instances.discovered(1))))
        .hasMessage("first")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThat(heard).containsExactly("second");
    assertThat(fleet.snapshot().backends()).hasSize(1);
  }

  @Test
  void snapshotsAreImmutableAndIndexedById() {
    FleetSnapshot snapshot =
        FleetSnapshot.empty()
            .withBackends(List.of(Instances.discovered(3), Instances.healthy(1, "m")));

    assertThat(snapshot.backends()).extracting(Backend::id).containsExactly(id(1), id(3));
    assertThat(snapshot.backend(id(3))).isPresent();
    assertThat(snapshot.backend(id(2))).isEmpty();
    assertThatThrownBy(() -> snapshot.backends().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(snapshot.toString()).contains("1", "3");
  }

  @Test
  void refusesTheSameIdTwice() {
    assertThatThrownBy(
            () ->
                FleetSnapshot.empty()
                    .withBackends(List.of(Instances.discovered(1), Instances.discovered(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replacingABackendWithAnEqualOneChangesNothing() {
    Backend backend = Instances.discovered(1);
    FleetSnapshot snapshot = FleetSnapshot.empty().withBackend(backend);

    assertThat(snapshot.withBackend(backend)).isSameAs(snapshot);
  }

  @Test
  void keepsTheRoutingTableWhenNoRoutableBackendChanged() {
    FleetSnapshot snapshot = FleetSnapshot.empty().withBackends(List.of(Instances.healthy(1, "m")));

    FleetSnapshot withNewcomer = snapshot.withBackend(Instances.discovered(2));
    FleetSnapshot withModels =
        withNewcomer.withBackend(
            withNewcomer.backend(id(1)).orElseThrow().markHealthy(Cards.of("n"), T0));

    assertThat(withNewcomer.routing()).isSameAs(snapshot.routing());
    assertThat(withModels.routing().models()).containsExactly("n");
  }

  @Test
  void carriesAProblemUntilCleared() {
    FleetProblem problem = new FleetProblem("vast.ai: invalid API key", T0, 1, true);
    FleetSnapshot failing = FleetSnapshot.empty().withProblem(Optional.of(problem));

    assertThat(failing.problem()).contains(problem);
    assertThat(failing.withProblem(Optional.of(problem))).isSameAs(failing);
    assertThat(failing.withProblem(Optional.empty()).problem()).isEmpty();
    assertThatThrownBy(() -> new FleetProblem("x", T0, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tellsHowLongTheAPIHasNotAnswered() {
    FleetProblem answered = new FleetProblem("vast.ai: HTTP 503", T0, 1, false);
    FleetProblem hung =
        new FleetProblem("vast.ai: API not answering", T0, 2, false, Optional.of(T0));

    assertThat(answered.unansweredFor(T0.plusSeconds(40))).isEmpty();
    assertThat(hung.unansweredFor(T0.plusSeconds(40))).contains(Duration.ofSeconds(40));
    assertThat(hung.unansweredFor(T0.minusSeconds(1))).contains(Duration.ZERO);
  }

  private static InstanceId id(long value) {
    return new InstanceId(value);
  }
}
