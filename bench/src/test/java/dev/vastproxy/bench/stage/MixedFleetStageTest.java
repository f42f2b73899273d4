package dev.vastproxy.bench.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.bench.client.OpenLoopStreams;
import dev.vastproxy.bench.client.OpenLoopStreams.Outcome;
import dev.vastproxy.bench.report.MixedFleetReport;
import dev.vastproxy.bench.stats.Percentiles;
import dev.vastproxy.bench.targets.MockFleet;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MixedFleetStageTest {
  private static final MixedFleetStage.Settings SETTINGS = MixedFleetStage.Settings.DEFAULTS;

  @Test
  void offersItsShareOfTheFleetsCapacity() {
    // 8 slots of 40 × 20 ms answers and 2 slots of 40 × 60 ms answers: 10 + 0.83 per second.
    assertThat(SETTINGS.capacity()).isCloseTo(10.833, Offset.offset(0.001));
    assertThat(SETTINGS.rate()).isCloseTo(0.65 * 10.833, Offset.offset(0.01));
  }

  @Test
  void setsUpThreePoliciesAndTwoReplicasWithTheirOwnNames() {
    List<MixedFleetStage.Setup> setups = MixedFleetStage.setups(Path.of("x.jar"), List.of());

    assertThat(setups)
        .extracting(MixedFleetStage.Setup::name)
        .containsExactly("round-robin", "least-requests", "least-load", "least-load, 2 replicas");
    assertThat(setups.get(3).replicas())
        .extracting(kind -> kind.name())
        .containsExactly("vastproxy least-load a", "vastproxy least-load b");
  }

  @Test
  void countsEachInstancesShareOfTheStreamsThatCameThrough() {
    List<Outcome> outcomes =
        List.of(
            new Outcome(200, Optional.of("2001"), 10_000_000, 900_000_000),
            new Outcome(200, Optional.of("2001"), 20_000_000, 800_000_000),
            new Outcome(200, Optional.of("2002"), 30_000_000, 2_400_000_000L),
            new Outcome(503, Optional.empty(), -1, 5_000_000),
            new Outcome(0, Optional.empty(), -1, -1));

    List<Outcome> coldStart =
        List.of(
            new Outcome(200, Optional.of("2002"), 2_000_000_000L, 4_000_000_000L),
            new Outcome(0, Optional.empty(), -1, -1));

    MixedFleetStage.Row row =
        MixedFleetStage.row("least-load", new MixedFleetStage.Outcomes(coldStart, outcomes));

    assertThat(row.requests()).isEqualTo(5);
    assertThat(row.failed()).isEqualTo(2);
    assertThat(row.served()).containsExactly(Map.entry(2001L, 2), Map.entry(2002L, 1));
    assertThat(row.ttft().p50()).isEqualTo(20.0);
    assertThat(row.completion().p99()).isEqualTo(2400.0);
    assertThat(row.coldTtft().p99()).as("the warm-up's, apart").isEqualTo(2000.0);
    assertThat(row.coldTtft().count()).isEqualTo(1);
  }

  @Test
  void streamsOpenLoopToTheEnginesAndTimesEach() throws Exception {
    try (MockFleet fleet = MockFleet.mixed(MixedFleetStage.FLEET, 3)) {
      List<Outcome> outcomes =
          OpenLoopStreams.run(
              fleet.engines(),
              MockFleet.MODEL,
              MockFleet.TOKEN,
              20,
              Duration.ofSeconds(1),
              7,
              Duration.ofSeconds(30));

      assertThat(outcomes).hasSizeGreaterThan(5).allMatch(Outcome::ok);
      assertThat(outcomes)
          .allSatisfy(o -> assertThat(o.totalNanos()).isGreaterThanOrEqualTo(o.ttftNanos()));
      assertThat(outcomes).as("engines name no instance").allMatch(o -> o.instance().isEmpty());
    }
    List<InetSocketAddress> remote = List.of(new InetSocketAddress("192.0.2.1", 80));
    assertThatThrownBy(
            () -> OpenLoopStreams.run(remote, "m", "", 1, Duration.ZERO, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theReportComparesTheSetupsAgainstTheAims() {
    Percentiles fast = new Percentiles(50, 200, 300, 100);
    Percentiles slow = new Percentiles(5000, 60000, 70000, 100);
    Percentiles cold = new Percentiles(900, 2500, 2600, 30);
    Map<Long, Integer> served = Map.of(2001L, 95, 2002L, 5);
    List<MixedFleetStage.Row> rows =
        List.of(
            new MixedFleetStage.Row("round-robin", 100, 0, slow, slow, served, slow),
            new MixedFleetStage.Row("least-requests", 100, 0, slow, slow, served, slow),
            new MixedFleetStage.Row("least-load", 100, 0, fast, fast, served, cold));

    String md = MixedFleetReport.render(SETTINGS, rows, "now", "2 cores");

    assertThat(md)
        .contains("## Mixed fleet")
        .contains("| least-load | 100 | 0 | 50.0 / 200 | 50.0 / 200 |")
        .contains(" | 900 / 2,500 |\n")
        .contains("warm-up run at the same rate for 10 s")
        .contains("| least-load p99 TTFT ≤ 0.5× least-requests' | 200 vs 60,000 ms (×0.00) | yes |")
        .contains("| two replicas' p99 TTFT ≤ 1.5× one's | not measured | — |");
  }
}
