package dev.vastproxy.bench.lab;

import dev.vastproxy.bench.client.OpenLoopStreams;
import dev.vastproxy.bench.stage.MixedFleetStage;
import dev.vastproxy.bench.targets.VastProxyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hand-run experiment (not a test): chosen setups of the mixed-fleet stage, for looking into one
 * of them. Args: jar setups(comma: round-robin,least-requests,least-load,replicas) seed [JVM
 * flags…].
 */
public final class MixedLab {
  private MixedLab() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    List<String> wanted = Arrays.asList(args[1].split(","));
    long seed = Long.parseLong(args[2]);
    List<String> flags = new ArrayList<>(VastProxyKind.defaultJvmFlags(1));
    flags.addAll(Arrays.asList(args).subList(3, args.length));
    List<MixedFleetStage.Setup> setups = new ArrayList<>();
    for (MixedFleetStage.Setup setup : MixedFleetStage.setups(jar, flags)) {
      String key = setup.replicas().size() > 1 ? "replicas" : setup.name();
      if (wanted.contains(key)) {
        setups.add(setup);
      }
    }
    MixedFleetStage.Settings defaults = MixedFleetStage.Settings.DEFAULTS;
    MixedFleetStage.Settings settings =
        new MixedFleetStage.Settings(
            defaults.tokens(),
            defaults.load(),
            defaults.duration(),
            Duration.ofMinutes(4),
            seed,
            defaults.warmUp());
    Path dir = Files.createTempDirectory("mixedlab");
    System.out.println("work dir " + dir);
    for (MixedFleetStage.Setup setup : setups) {
      MixedFleetStage.Row row = worst(setup, settings, dir);
      System.out.printf(
          "%-24s n=%d failed=%d ttft p50 %.0f p99 %.0f | completion p50 %.0f p99 %.0f | %s"
              + " | cold ttft p50 %.0f p99 %.0f%n",
          row.setup(),
          row.requests(),
          row.failed(),
          row.ttft().p50(),
          row.ttft().p99(),
          row.completion().p50(),
          row.completion().p99(),
          row.served(),
          row.coldTtft().p50(),
          row.coldTtft().p99());
    }
  }

  /** Runs one setup like the stage does, and prints its slowest first tokens: when, where. */
  private static MixedFleetStage.Row worst(
      MixedFleetStage.Setup setup, MixedFleetStage.Settings settings, Path dir) throws Exception {
    MixedFleetStage.Outcomes all = MixedFleetStage.outcomes(setup, settings, dir);
    List<OpenLoopStreams.Outcome> outcomes = all.measured();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Long.compare(outcomes.get(b).ttftNanos(), outcomes.get(a).ttftNanos()));
    for (int i : order.subList(0, Math.min(8, order.size()))) {
      OpenLoopStreams.Outcome o = outcomes.get(i);
      System.out.printf(
          "  #%d via %d on %s: ttft %.0f ms%n",
          i, i % setup.replicas().size(), o.instance().orElse("?"), o.ttftNanos() / 1e6);
    }
    return MixedFleetStage.row(setup.name(), all);
  }
}
