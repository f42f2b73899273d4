package dev.vastproxy.bench;

import dev.vastproxy.bench.report.MixedFleetReport;
import dev.vastproxy.bench.report.ReportFile;
import dev.vastproxy.bench.stage.MixedFleetStage;
import dev.vastproxy.bench.targets.VastProxyKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@code bench/run.sh --mixed}: the mixed-fleet stage alone, written into its own section. */
final class MixedFleetRun {
  private MixedFleetRun() {}

  static int run(
      BenchSettings settings,
      Optional<Path> report,
      PrintStream out,
      PrintStream err,
      Consumer<String> log) {
    Optional<String> missing = new VastProxyKind(settings.jar(), "least-load", List.of()).missing();
    if (missing.isPresent()) {
      err.println("bench: " + missing.get());
      return 1;
    }
    try {
      Path dir = Files.createDirectories(settings.workDir().resolve("mixed"));
      String when = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
      String machine = machine();
      MixedFleetStage.Settings stage = MixedFleetStage.Settings.DEFAULTS;
      List<MixedFleetStage.Row> rows =
          new MixedFleetStage(stage, dir, log)
              .run(MixedFleetStage.setups(settings.jar(), VastProxyKind.defaultJvmFlags(1)));
      String markdown = MixedFleetReport.render(stage, rows, when, machine + ", then " + machine());
      if (report.isPresent()) {
        ReportFile.writeBlock(report.get().toAbsolutePath(), "mixed", markdown);
        log.accept("section written to " + report.get().toAbsolutePath());
      }
      out.print(markdown);
      return rows.stream().anyMatch(row -> row.failed() > 0) ? 1 : 0;
    } catch (IOException | RuntimeException e) {
      err.println("bench: " + e);
      return 1;
    }
  }

  /** The machine's cores and load average now, for the reader to judge the noise. */
  private static String machine() {
    String load;
    try {
      String[] fields =
          Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ");
      load = fields[0] + " / " + fields[1] + " / " + fields[2];
    } catch (IOException | RuntimeException e) {
      load = "unknown";
    }
    return Runtime.getRuntime().availableProcessors() + " cores, load average " + load;
  }
}
