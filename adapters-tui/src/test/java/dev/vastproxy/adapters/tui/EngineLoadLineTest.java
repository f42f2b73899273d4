package dev.vastproxy.adapters.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EngineLoadLineTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  private static Backend healthy() {
    return TestFleets.healthy(TestFleets.sglang(1), NOW);
  }

  @Test
  void aHealthyCardShowsWhatItsEngineReports() {
    Backend backend = healthy();
    int plain = CardRenderer.height(backend);
    backend
        .load()
        .signals()
        .record(
            new LoadReading(
                new EngineReport(
                    8, 3, OptionalDouble.of(0.95), OptionalDouble.empty(), OptionalDouble.empty()),
                NOW,
                0,
                OptionalDouble.of(412)));

    assertThat(CardRenderer.height(backend)).isEqualTo(plain + 1);
    assertThat(EngineLoadLine.text(backend)).isEqualTo("run   8  wait   3  KV  95%    412 tok/s");
    assertThat(CardRenderer.render(backend, NOW).text()).contains("run   8  wait   3");
  }

  @Test
  void anOutlierWithoutSignalSaysSo() {
    Backend backend = healthy();
    backend.load().signals().markOutlier(true);

    assertThat(EngineLoadLine.shown(backend)).isTrue();
    assertThat(EngineLoadLine.text(backend)).isEqualTo("no engine load signal  slow");
    CardRenderer.render(backend, NOW);

    backend
        .load()
        .signals()
        .record(new LoadReading(EngineReport.of(0, 0), NOW, 0, OptionalDouble.empty()));
    assertThat(EngineLoadLine.text(backend))
        .isEqualTo("run   0  wait   0  KV   ?%      ? tok/s  slow");
    backend.load().signals().markOutlier(false);
    CardRenderer.render(backend, NOW);
  }
}
