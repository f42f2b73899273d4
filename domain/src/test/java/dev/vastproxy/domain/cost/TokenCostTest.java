package dev.vastproxy.domain.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenCostTest {
  @Test
  void dollarsAreThePricePerHourOverEveryEnrolledSecond() {
    TokenCost cost = TokenCost.of(0.64, Duration.ofMinutes(90), TokenTally.ZERO);

    assertThat(cost.dollars()).isCloseTo(0.96, within(1e-9));
  }

  @Test
  void dollarsPerMillionTokensSpreadTheBillOverPromptAndCompletionTokens() {
    // $2/h for 30 min = $1; 200,000 prompt + 50,000 completion tokens.
    TokenCost cost =
        TokenCost.of(2.0, Duration.ofMinutes(30), new TokenTally(200_000, 50_000, 0, 0));

    assertThat(cost.dollarsPerMillionTokens().getAsDouble()).isCloseTo(4.0, within(1e-9));
    assertThat(cost.dollarsPerMillionCompletionTokens().getAsDouble())
        .isCloseTo(20.0, within(1e-9));
  }

  @Test
  void idleTimeRaisesTheCostOfEachToken() {
    TokenTally served = new TokenTally(1_000, 9_000, 0, 0);
    TokenCost busyHour = TokenCost.of(1.0, Duration.ofHours(1), served);
    // The same tokens, then three hours of idling: four times the bill, four times per token.
    TokenCost thenIdle = TokenCost.of(1.0, Duration.ofHours(4), served);

    assertThat(busyHour.dollarsPerMillionTokens().getAsDouble()).isCloseTo(100.0, within(1e-9));
    assertThat(thenIdle.dollarsPerMillionTokens().getAsDouble()).isCloseTo(400.0, within(1e-9));
  }

  @Test
  void estimatedTokensCountLikeReportedOnes() {
    TokenCost cost = TokenCost.of(3.6, Duration.ofSeconds(1), new TokenTally(0, 0, 0, 1_000));

    assertThat(cost.dollars()).isCloseTo(0.001, within(1e-12));
    assertThat(cost.dollarsPerMillionTokens().getAsDouble()).isCloseTo(1.0, within(1e-9));
    assertThat(cost.tokens().estimated()).isTrue();
  }

  @Test
  void noTokensYetHasNoPricePerToken() {
    TokenCost cost = TokenCost.of(8.12, Duration.ofHours(1), TokenTally.ZERO);

    assertThat(cost.dollars()).isCloseTo(8.12, within(1e-9));
    assertThat(cost.dollarsPerMillionTokens()).isEmpty();
    assertThat(cost.dollarsPerMillionCompletionTokens()).isEmpty();
  }

  @Test
  void fleetTotalsAddDollarsAndTokens() {
    TokenCost a = TokenCost.of(1.0, Duration.ofHours(1), new TokenTally(100, 400, 0, 0));
    TokenCost b = TokenCost.of(3.0, Duration.ofHours(1), new TokenTally(0, 0, 0, 500));

    TokenCost fleet = TokenCost.ZERO.plus(a).plus(b);

    assertThat(fleet.dollars()).isCloseTo(4.0, within(1e-9));
    assertThat(fleet.tokens()).isEqualTo(new TokenTally(100, 400, 0, 500));
    assertThat(fleet.dollarsPerMillionTokens().getAsDouble()).isCloseTo(4000.0, within(1e-6));
  }

  @Test
  void badFiguresAreRefused() {
    assertThatThrownBy(() -> new TokenCost(-1, TokenTally.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenCost(Double.NaN, TokenTally.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenCost.of(1, Duration.ofSeconds(-1), TokenTally.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenTally(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokensServed(0, -1, TokenSource.USAGE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
