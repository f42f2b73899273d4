package dev.vastproxy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.proc.Executables;
import dev.vastproxy.bench.proc.HeapProbe;
import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.report.Figures;
import dev.vastproxy.bench.report.MarkdownReport;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stage.Measured;
import dev.vastproxy.bench.stage.StartupResult;
import dev.vastproxy.bench.stats.Percentiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke profile: the built jar against direct, one small round of each stage. It fails only
 * on streams that did not come through whole, or on gross regressions; the figures themselves are
 * the full run's business (docs/benchmarks.md).
 */
class BenchSmokeIT {
  /** Added time to first token above this is a gross regression, not noise. */
  private static final double GROSS_ADDED_TTFT_P50_MS = 50;

  @TempDir Path work;

  @Test
  void theSmokeProfileStreamsEverythingWhole() throws Exception {
    Path jar = Path.of(System.getProperty("vastproxy.jar", "../bootstrap/target/vastproxy.jar"));
    assertThat(jar).as("run the package phase first").isRegularFile();
    StringBuilder log = new StringBuilder();

    BenchResults results =
        new Benchmark(
                BenchSettings.smoke(jar, work),
                Executables.system(),
                ProcessTree.system(),
                HeapProbe.system(),
                line -> log.append(line).append('\n'))
            .run();
    String report = MarkdownReport.render(results);
    Files.writeString(work.resolve("smoke.md"), report);

    assertThat(results.streaming()).as(log.toString()).containsKeys("direct", "vastproxy");
    for (List<Measured<SseRunResult>> runs : results.streaming().values()) {
      for (Measured<SseRunResult> run : runs) {
        assertThat(run.result().broken()).as(run.result().failures().toString()).isZero();
        assertThat(run.result().completed()).isEqualTo(50);
      }
    }
    assertThat(results.held()).isNotEmpty();
    for (HeldLevel level : results.held()) {
      assertThat(level.result().broken()).as(level.result().failures().toString()).isZero();
    }
    assertThat(results.brokenStreams()).isZero();
    Percentiles addedTtft = new Figures(results).streamingAdded("vastproxy", SseRunResult::ttft);
    assertThat(addedTtft.p50()).isLessThan(GROSS_ADDED_TTFT_P50_MS);
    Percentiles ttfb = new Figures(results).streaming("vastproxy", SseRunResult::ttfb);
    Percentiles ttft = new Figures(results).streaming("vastproxy", SseRunResult::ttft);
    assertThat(ttfb.p50()).as("headers come before the first token").isLessThan(ttft.p50());
    assertThat(results.startup())
        .extracting(StartupResult::target)
        .containsExactly("vastproxy", "vastproxy + AppCDS");
    assertThat(results.startup()).allSatisfy(s -> assertThat(s.millis()).hasSize(1));
    assertThat(report).contains("| vastproxy |");
  }
}
