package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.targets.MockFleet;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.targets.TargetKind;
import dev.vastproxy.bench.targets.VastProxyKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /**
   * Writes a class-data-sharing archive of vastproxy's classes (AppCDS, JDK 13+): one start with
   * {@code -XX:ArchiveClassesAtExit}, a proxied request, a clean stop. Returns the kind that uses
   * it, or empty when no archive came out.
   */
  public Optional<VastProxyKind> withClassArchive(VastProxyKind kind, MockFleet fleet, Path dir)
      throws IOException {
    Path archive = Files.createDirectories(dir).resolve("vastproxy.jsa");
    Files.deleteIfExists(archive);
    log.accept("writing the AppCDS archive " + archive);
    try (Target training =
        kind.with(List.of("-XX:ArchiveClassesAtExit=" + archive), "training").start(fleet, dir)) {
      log.accept("training run answered after " + Math.round(training.startupMillis()) + " ms");
    }
    return Files.isRegularFile(archive)
        ? Optional.of(kind.with(List.of("-XX:SharedArchiveFile=" + archive), "+ AppCDS"))
        : Optional.empty();
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
