package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.target.MockFleet;
import dev.vastproxy.bench.target.Target;
import dev.vastproxy.bench.target.TargetKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Spawn to first proxied 200, several times per kind, with the RSS after that first answer. */
public final class StartupStage {
  private final int runs;
  private final ProcessTree proc;
  private final Consumer<String> log;

  public StartupStage(int runs, ProcessTree proc, Consumer<String> log) {
    this.runs = runs;
    this.proc = proc;
    this.log = log;
  }

  /** Starts and stops the kind {@code runs} times. */
  public StartupResult run(TargetKind kind, MockFleet fleet, Path dir) throws IOException {
    List<Double> millis = new ArrayList<>();
    double rss = 0;
    for (int i = 0; i < runs; i++) {
      log.accept("start-up " + (i + 1) + "/" + runs + ": " + kind.name());
      try (Target target = kind.start(fleet, dir)) {
        millis.add(target.startupMillis());
        rss = proc.rssKib(target.pid().orElseThrow()) / 1024.0;
      }
    }
    return new StartupResult(kind.name(), millis, rss);
  }
}
