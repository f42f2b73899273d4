package dev.vastproxy.domain.backend;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vastproxy.domain.cost.TokenCost;
import dev.vastproxy.domain.cost.TokensServed;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackendCostTest {
  @Test
  void aBackendIsBilledFromItsDiscoveryWhateverItsStates() {
    // $0.64/h (the fixture's dph_total), discovered at T0, healthy a minute later.
    Backend backend =
        Instances.discovered(7).markHealthy(Cards.of("m"), T0.plus(Duration.ofMinutes(1)));
    backend.load().tokens().add(TokensServed.usage(100_000, 60_000));

    TokenCost cost = backend.cost(T0.plus(Duration.ofHours(2)));

    assertThat(backend.timeEnrolled(T0.plus(Duration.ofHours(2)))).isEqualTo(Duration.ofHours(2));
    assertThat(cost.dollars()).isCloseTo(1.28, within(1e-9));
    assertThat(cost.dollarsPerMillionTokens().getAsDouble()).isCloseTo(8.0, within(1e-9));
  }

  @Test
  void theTokensSurviveEveryChangeOfTheBackend() {
    Backend backend = Instances.discovered(8);
    backend.load().tokens().add(TokensServed.estimate(40));

    Backend later =
        backend
            .markHealthy(Cards.of("m"), T0)
            .markFailed(T0.plusSeconds(5), Reasons.FAILED)
            .withInstance(Instances.runningVllm(8).dollarsPerHour(1.0).build());

    assertThat(later.load().tokens().tally().completionEstimate()).isEqualTo(40);
    assertThat(later.cost(T0.plus(Duration.ofHours(1))).dollars()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aRemovedBackendStopsCostingWhenItWasRemoved() {
    Backend removing =
        Instances.healthy(9, "m")
            .transitionTo(BackendState.REMOVING, T0.plus(Duration.ofMinutes(30)), Reasons.GONE);

    assertThat(removing.timeEnrolled(T0.plus(Duration.ofHours(5))))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(removing.cost(T0.plus(Duration.ofHours(5))).dollars()).isCloseTo(0.32, within(1e-9));
  }

  @Test
  void aClockThatWentBackCostsNothing() {
    assertThat(Instances.discovered(10).timeEnrolled(T0.minusSeconds(30))).isZero();
  }
}
