package dev.vastproxy.adapters.tui;

import static dev.vastproxy.adapters.tui.TestFleets.QUIET;
import static dev.vastproxy.adapters.tui.TestFleets.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.cost.TokensServed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Each card's tokens and what they cost, and the fleet's in the header. */
class CostLineTest {
  private static final Instant TWO_HOURS_IN = T0.plus(Duration.ofHours(2));

  /** $0.50/h, enrolled at T0. */
  private static Backend healthy(long id) {
    return TestFleets.healthy(TestFleets.sglang(id), T0);
  }

  @Test
  void aCardGetsItsTokenRowWithTheFirstToken() {
    Backend backend = healthy(1);
    int before = CardRenderer.height(backend);

    backend.load().tokens().add(TokensServed.usage(600_000, 400_000));

    assertThat(CostLine.shown(backend)).isTrue();
    assertThat(CardRenderer.height(backend)).isEqualTo(before + 1);
    // Two hours at $0.50 over a million tokens.
    assertThat(CardRenderer.render(backend, TWO_HOURS_IN).row(before).stripTrailing())
        .isEqualTo("  tok 600.0k in 400.0k out  $1.00/Mtok  $1.00 billed");
  }

  @Test
  void anEstimatedCountIsMarked() {
    Backend backend = healthy(2);
    backend.load().tokens().add(TokensServed.usage(12, 30));
    backend.load().tokens().add(TokensServed.estimate(958));

    assertThat(CostLine.text(backend, TWO_HOURS_IN))
        .isEqualTo("tok 12 in ~988 out  $1,000/Mtok  $1.00 billed");
  }

  @Test
  void aCardWithoutTokensHasNoTokenRow() {
    Backend backend = healthy(3);

    assertThat(CostLine.shown(backend)).isFalse();
    assertThat(CardRenderer.render(backend, TWO_HOURS_IN).text()).doesNotContain("tok ");
  }

  @Test
  void countsAndPricesStayShort() {
    assertThat(CostLine.count(999)).isEqualTo("999");
    assertThat(CostLine.count(12_345)).isEqualTo("12.3k");
    assertThat(CostLine.count(4_100_000)).isEqualTo("4.1M");
    assertThat(CostLine.count(2_500_000_000L)).isEqualTo("2.5B");
    assertThat(CostLine.perMillion(OptionalDouble.of(0.4249))).isEqualTo("$0.42/Mtok");
    assertThat(CostLine.perMillion(OptionalDouble.of(18.46))).isEqualTo("$18.5/Mtok");
    assertThat(CostLine.perMillion(OptionalDouble.empty())).isEqualTo("$?/Mtok");
  }

  @Test
  void aHugeRowIsCutToTheCard() {
    Backend backend = healthy(4);
    backend.load().tokens().add(TokensServed.usage(123_456_789_012L, 1));
    backend.load().tokens().add(TokensServed.estimate(1));
    Instant muchLater = T0.plus(Duration.ofDays(40_000));

    String row = CardRenderer.render(backend, muchLater).row(CardRenderer.height(backend) - 1);

    assertThat(row).hasSize(CardRenderer.WIDTH).startsWith("  tok 123.5B in ~2 out  $");
  }

  @Test
  void theHeaderShowsTheFleetsTokensAndPriceOnceAnyWasServed() {
    Backend busy = healthy(5);
    Backend idle = healthy(6);
    DashboardRenderer renderer = new DashboardRenderer(":8080");

    String before =
        renderer
            .render(
                TestFleets.view(TWO_HOURS_IN, QUIET, List.of(busy, idle)), 200, 10, UiState.INITIAL)
            .grid()
            .row(0);
    busy.load().tokens().add(TokensServed.usage(1_000_000, 1_000_000));
    idle.load().tokens().add(TokensServed.estimate(0));
    String after =
        renderer
            .render(
                TestFleets.view(TWO_HOURS_IN, QUIET, List.of(busy, idle)), 200, 10, UiState.INITIAL)
            .grid()
            .row(0);

    assertThat(before).doesNotContain("tok").doesNotContain("Mtok");
    // $2 billed for the two (the idle one's hours included) over two million tokens.
    assertThat(after.stripTrailing())
        .isEqualTo(
            "Listening on :8080 | 2 backends (2 healthy) | $1.00/h | 2.0M tok | $1.00/Mtok"
                + " | 0 in flight | 0.0 req/s");
  }
}
