package dev.vastproxy.adapters.tui;

import static dev.vastproxy.adapters.tui.TestFleets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.GuardView;
import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.application.port.in.IdleCountdown;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.fleet.InstanceAlert;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.Instances;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardLineTest {
  private static final Instant NOW = T0.plus(Duration.ofMinutes(20));

  private static InstanceGuard guard(
      Backend backend, boolean served, Optional<IdleCountdown> idle, Set<InstanceAlert> alerts) {
    return new InstanceGuard(
        backend.instance(), true, served, Optional.empty(), idle, Optional.empty(), false, alerts);
  }

  private static Optional<IdleCountdown> idle(IdleAction action, Duration left) {
    return Optional.of(new IdleCountdown(T0, action, NOW.plus(left)));
  }

  @Test
  void aCardCountsDownToItsIdleAction() {
    Backend backend = Instances.healthy(1, "m");
    InstanceGuard guard =
        guard(backend, true, idle(IdleAction.STOP, Duration.ofMinutes(10)), Set.of());

    TextGrid card = CardRenderer.render(backend, NOW, Optional.of(guard));

    assertThat(CardRenderer.height(backend, Optional.of(guard)))
        .isEqualTo(CardRenderer.height(backend) + 1);
    assertThat(card.text()).contains("idle 20m00s · stop in 10m00s");
  }

  @Test
  void withoutAnActionOnlyTheIdleTimeShows() {
    Backend backend = Instances.healthy(1, "m");
    TextGrid card =
        CardRenderer.render(
            backend,
            NOW,
            Optional.of(guard(backend, true, idle(IdleAction.NONE, Duration.ZERO), Set.of())));

    assertThat(card.text()).contains("idle 20m00s").doesNotContain("stop in");
  }

  @Test
  void alertsWinAndANeverServedBoxSaysItIsKept() {
    Backend backend = Instances.healthy(1, "m");
    Backend box = Instances.discovered(2);

    assertThat(
            CardRenderer.render(
                    backend,
                    NOW,
                    Optional.of(
                        guard(backend, true, Optional.empty(), Set.of(InstanceAlert.EXPIRING))))
                .text())
        .contains("⚠ contract ends within 24 h");
    assertThat(
            CardRenderer.render(
                    box, NOW, Optional.of(guard(box, false, Optional.empty(), Set.of())))
                .text())
        .contains("never served: the proxy never stops or destroys it");
    assertThat(CardRenderer.height(backend, Optional.empty()))
        .isEqualTo(CardRenderer.height(backend));
  }

  @Test
  void theDashboardListsInstancesWithoutACardAndKeepsNeverServedOnesFromDestroy() {
    Backend served = Instances.healthy(1, "m");
    Backend box = Instances.discovered(2);
    Instance stopped = Instances.runningVllm(3).build().withStatus("stopped", "stopped");
    List<InstanceGuard> others = new ArrayList<>();
    for (long id = 3; id <= 6; id++) {
      others.add(
          new InstanceGuard(
              id == 3 ? stopped : Instances.runningVllm(id).build(),
              id != 4,
              true,
              Optional.of(id == 3 ? "stopped by the proxy (idle for 30m)" : "not selected"),
              Optional.empty(),
              id == 3 ? Optional.of(NOW) : Optional.empty(),
              false,
              id == 5 ? Set.of(InstanceAlert.EXITED) : Set.of()));
    }
    GuardView guardView =
        new GuardView(
            Map.of(
                served.id(), guard(served, true, Optional.empty(), Set.of()),
                box.id(), guard(box, false, Optional.empty(), Set.of())),
            others,
            IdleAction.STOP);
    FleetView view =
        new FleetView(
            FleetSnapshot.empty().withBackends(List.of(served, box)),
            TestFleets.QUIET,
            NOW,
            guardView);

    Frame frame =
        new DashboardRenderer(":8080")
            .render(view, 160, 30, UiState.INITIAL.withPrompt(Prompt.DESTROY_ALL));

    assertThat(frame.grid().text())
        .contains("#3 RTX 4090x2  stopped by the proxy (idle for 30m)")
        .contains("#4 RTX 4090x2  not selected")
        .contains("and 2 more instances not routed")
        .contains("Destroy all 1 instance on vast.ai (1 never served: kept)?");
    assertThat(VisibleFleet.of(view).destroyTargets(GuardView.empty())).isEqualTo(2);
  }
}
