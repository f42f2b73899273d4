package dev.vastproxy.adapters.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.EngineSignals;
import dev.vastproxy.domain.load.LoadReading;
import dev.vastproxy.domain.testing.Instances;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EngineLoadStatusTest {

  @Test
  void unknownFiguresAreNull() {
    EngineLoadStatus status = EngineLoadStatus.of(new EngineSignals());

    assertThat(status)
        .isEqualTo(new EngineLoadStatus(null, null, null, null, null, null, null, false));
  }

  @Test
  void carriesTheReadingAndTheMeasuredSpeed() {
    EngineSignals signals = new EngineSignals();
    signals.record(
        new LoadReading(
            new EngineReport(
                4, 2, OptionalDouble.of(0.25), OptionalDouble.of(99), OptionalDouble.empty()),
            Instances.T0,
            0,
            OptionalDouble.of(300)));
    signals.firstByte(12_000_000);
    signals.requestCompleted(2_500_000_000L);
    signals.markOutlier(true);

    assertThat(EngineLoadStatus.of(signals))
        .isEqualTo(
            new EngineLoadStatus(4, 2, 0.25, 300.0, Instances.T0.toString(), 12L, 2500L, true));
  }
}
