package dev.vastproxy.adapters.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class HeaderTextTest {
  private static final Instant NOW = TestFleets.at(0);

  private static String header(FleetView view) {
    return String.join("\n", HeaderText.lines(view, VisibleFleet.of(view), ":8080", 300));
  }

  @Test
  void showsTheEnginesQueuedRequestsAndTheRequestsHeldOnceThereAreAny() {
    Backend one = TestFleets.healthy(TestFleets.vllm(1), NOW);
    Backend two = TestFleets.healthy(TestFleets.sglang(2), NOW);
    FleetView quiet = TestFleets.view(NOW, TestFleets.QUIET, List.of(one, two));
    assertThat(header(quiet)).doesNotContain("queued").doesNotContain("held");

    one.load()
        .signals()
        .record(new LoadReading(EngineReport.of(8, 3), NOW, 0, OptionalDouble.empty()));
    two.load()
        .signals()
        .record(new LoadReading(EngineReport.of(2, 4), NOW, 0, OptionalDouble.empty()));
    FleetView busy =
        TestFleets.view(NOW, new TrafficSummary(0, 0, 0, 10).withHeld(5), List.of(one, two));

    assertThat(header(busy)).contains("| 10 in flight | 7 queued | 5 held | 0.0 req/s");
  }
}
