package dev.vastproxy.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.client.SseRunResult;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  private final BenchResults results = SampleResults.full();

  @Test
  void describesTheMachineAndHowToReproduce() {
    String markdown = MarkdownReport.render(results);

    assertThat(markdown)
        .startsWith("# Benchmarks\n")
        .contains("bench/run.sh")
        .contains("| CPU | Test CPU, 2 logical cores |")
        .contains("| nginx | nginx/1.22 |")
        .contains("at start 0.10 / 0.20 / 0.30, at end 0.50 / 0.40 / 0.30")
        .contains("took 25 min 0 s")
        .contains("- skipped something: because");
  }

  @Test
  void summarisesEveryTargetWithAddedFiguresAndRatios() {
    String summary = MarkdownReport.summary(results);

    assertThat(summary)
        .contains("| direct | 30,000 | ×1.00 | ×2.00 |")
        .contains("| nginx | 15,000 | ×0.50 | ×1.00 | 20.0 | ×1.00 |")
        .contains("| vastproxy | 12,000 | ×0.40 | ×0.80 | 33.3 | ×1.67 | +0.30 / +0.40 | ×0.80 |")
        .contains(
            "| +1.00 | +1.00 / +1.00 | ×2.00 | +0.20 / +0.80 / +1.60 | ×0.40 | 0 | 13.8 / 3.25"
                + " (8000) | 950 |")
        .contains("| vastproxy p2c |")
        .doesNotContain("| vastproxy (not peeked) | 12");
  }

  @Test
  void saysWhereVastproxyMeetsItsAims() {
    String markdown = MarkdownReport.render(results);

    assertThat(markdown)
        .contains(
            "| throughput at saturation ≥ nginx's | 12,000 vs 15,000 req/s (×0.80) | **no** |")
        .contains("| fixed-load added p99 ≤ nginx's | +0.40 vs +0.50 ms | yes |")
        .contains("| response headers sent before the first token |")
        .contains("| added TTFT p99 ≤ nginx's | +1.00 vs +0.50 ms | **no** |")
        .contains("| added per-event delivery p99 ≤ nginx's | +0.80 vs +2.00 ms | yes |")
        .contains("| ≤ 16 MiB per 1,000 held streams | RSS 20.0 MiB per 1k at worst")
        .contains("| 8,000 held streams at -Xmx256m, no errors | 8000 streams: 0 errors")
        .contains(
            "| ≥ 99 % of streams complete while engines die and come back | 99.5 % of 1000 | yes |");
  }

  @Test
  void detailsEachStage() {
    String markdown = MarkdownReport.render(results);

    assertThat(markdown)
        .contains("## Saturation: closed-loop JSON POSTs (wrk)")
        .contains("## Fixed load below saturation: added latency (hey)")
        .contains("| **cost of peeking** | +0.05 | +0.10 |")
        .contains("## Streaming: SSE through each target")
        .contains("| vastproxy p2c | 2 | 0 | 0 |")
        .contains("## Held streams: memory per stream")
        .contains("| vastproxy | 8000 | yes | 90 / 110 / 200 | 11.3 | 13.8 | 14.0 / 40.0 | 3.25 |")
        .contains("| nginx | 1000 | yes | 20 / 20 / 35 | 15.0 | 15.0 | — | — |")
        .contains("| vastproxy | 950 | 900, 950, 1,000 | 120 |")
        .contains("## Chaos: streams while engines die and come back")
        .contains("| nginx | 1000 | 700 | 70.0 % | 300 | 0 | 0 | 31 |")
        .contains("| vastproxy | 1000 | 995 | 99.5 % | 5 | 0 | 0 | 31 |")
        .contains("## Method");
  }

  @Test
  void leavesOutWhatDidNotRun() {
    BenchResults empty = SampleResults.nothingRan();

    String markdown = MarkdownReport.render(empty);

    assertThat(markdown)
        .doesNotContain("## Saturation")
        .doesNotContain("## Held streams")
        .doesNotContain("## Chaos")
        .doesNotContain("## Notes")
        .contains("| 8,000 held streams at -Xmx256m, no errors | — | — |");
    assertThat(empty.brokenStreams()).isZero();
    assertThat(results.brokenStreams()).isEqualTo(2);
  }

  @Test
  void figuresAreMediansOfRounds() {
    Figures figures = new Figures(results);

    assertThat(figures.rps("nginx")).isEqualTo(15000);
    assertThat(figures.rps("unknown")).isNaN();
    assertThat(figures.streamingAdded("unknown", SseRunResult::ttft)).isNull();
    assertThat(figures.streaming("unknown", SseRunResult::ttft)).isNull();
    assertThat(figures.fixedRate("nginx")).isEqualTo(2000);
    assertThat(figures.maxForeignCores()).isEqualTo(0.3);
    assertThat(figures.meanForeignCores()).isEqualTo(0.1);
    assertThat(MarkdownReport.fmt(Double.NaN, 1)).isEqualTo("—");
  }
}
