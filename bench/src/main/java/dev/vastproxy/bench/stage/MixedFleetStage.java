package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.client.OpenLoopStreams;
import dev.vastproxy.bench.stats.Percentiles;
import dev.vastproxy.bench.stats.Samples;
import dev.vastproxy.bench.targets.MockFleet;
import dev.vastproxy.bench.targets.MockFleet.EngineSpec;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.targets.VastProxyKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Open-loop streams over a mixed fleet, one fast and one slow engine, at a share of the fleet's
 * capacity, through vastproxy under each policy and through two replicas sharing the fleet (load
 * alternated): time to first token, completion time and each engine's share. Every setup gets a
 * fresh fleet and the same arrival times. A warm-up run at the same rate comes first, as the
 * benchmark method asks of every target: its figures are the cold start (proxies that know nothing
 * of the engines yet), kept apart from the measured run's.
 */
public final class MixedFleetStage {
  /** The fleet: one big engine (8 at once, 20 ms per token) and one small (2 at once, 60 ms). */
  public static final List<EngineSpec> FLEET =
      List.of(new EngineSpec(8, Duration.ofMillis(20)), new EngineSpec(2, Duration.ofMillis(60)));

  /**
   * How the stage runs.
   *
   * @param tokens tokens per answer
   * @param load the offered share of the fleet's capacity
   * @param duration how long streams keep starting
   * @param drain how long the last streams may take to end
   * @param seed the arrival times' seed
   * @param warmUp how long streams keep starting in the warm-up run before the measured one
   */
  public record Settings(
      int tokens, double load, Duration duration, Duration drain, long seed, Duration warmUp) {
    /** 40 tokens, 65 % of capacity, 10 s of warm-up, 30 s of arrivals, 4 min to drain. */
    public static final Settings DEFAULTS =
        new Settings(
            40, 0.65, Duration.ofSeconds(30), Duration.ofMinutes(4), 16, Duration.ofSeconds(10));

    /** Requests per second the fleet can finish: each engine's slots over its answer time. */
    public double capacity() {
      double perSecond = 0;
      for (EngineSpec engine : FLEET) {
        perSecond += engine.concurrent() / (tokens * engine.perToken().toNanos() / 1e9);
      }
      return perSecond;
    }

    /** The offered rate. */
    public double rate() {
      return load * capacity();
    }
  }

  /**
   * One setup's figures.
   *
   * @param setup what was measured
   * @param requests streams started
   * @param failed streams that did not come through (status, no token, no end)
   * @param ttft start to first token, ms
   * @param completion start to the answer's end, ms
   * @param served streams per serving instance id, in the fleet's order
   * @param coldTtft the warm-up run's start to first token, ms: the cold start
   */
  public record Row(
      String setup,
      int requests,
      int failed,
      Percentiles ttft,
      Percentiles completion,
      Map<Long, Integer> served,
      Percentiles coldTtft) {}

  /**
   * One setup's streams.
   *
   * @param coldStart the warm-up run's, started on proxies that knew nothing of the engines
   * @param measured the measured run's
   */
  public record Outcomes(
      List<OpenLoopStreams.Outcome> coldStart, List<OpenLoopStreams.Outcome> measured) {}

  /** One setup: a name and the vastproxy replicas that share the fleet. */
  public record Setup(String name, List<VastProxyKind> replicas) {}

  private final Settings settings;
  private final Path dir;
  private final Consumer<String> log;

  public MixedFleetStage(Settings settings, Path dir, Consumer<String> log) {
    this.settings = settings;
    this.dir = dir;
    this.log = log;
  }

  /** The setups the issue asks for: three policies, and two least-load replicas. */
  public static List<Setup> setups(Path jar, List<String> jvmFlags) {
    VastProxyKind leastLoad = new VastProxyKind(jar, "least-load", jvmFlags);
    return List.of(
        new Setup("round-robin", List.of(new VastProxyKind(jar, "round-robin", jvmFlags))),
        new Setup("least-requests", List.of(new VastProxyKind(jar, "least-requests", jvmFlags))),
        new Setup("least-load", List.of(leastLoad)),
        new Setup(
            "least-load, 2 replicas",
            List.of(leastLoad.with(List.of(), "a"), leastLoad.with(List.of(), "b"))));
  }

  /** Measures each setup in turn. */
  public List<Row> run(List<Setup> setups) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Setup setup : setups) {
      rows.add(measure(setup));
    }
    return rows;
  }

  private Row measure(Setup setup) throws IOException {
    log.accept(
        String.format(
            "mixed fleet: %s, %.2f streams/s for %d s",
            setup.name(), settings.rate(), settings.duration().toSeconds()));
    return row(setup.name(), outcomes(setup, settings, dir));
  }

  /**
   * Runs one setup's open-loop streams through fresh proxies over a fresh mixed fleet: the warm-up
   * run, its streams left to end, then the measured run.
   */
  public static Outcomes outcomes(Setup setup, Settings settings, Path dir) throws IOException {
    List<Target> targets = new ArrayList<>();
    try (MockFleet fleet = MockFleet.mixed(FLEET, settings.tokens())) {
      try {
        for (VastProxyKind replica : setup.replicas()) {
          targets.add(replica.start(fleet, dir));
        }
        List<InetSocketAddress> addresses = targets.stream().map(Target::address).toList();
        List<OpenLoopStreams.Outcome> coldStart =
            OpenLoopStreams.run(
                addresses,
                MockFleet.MODEL,
                "",
                settings.rate(),
                settings.warmUp(),
                ~settings.seed(),
                settings.drain());
        return new Outcomes(
            coldStart,
            OpenLoopStreams.run(
                addresses,
                MockFleet.MODEL,
                "",
                settings.rate(),
                settings.duration(),
                settings.seed(),
                settings.drain()));
      } finally {
        targets.forEach(Target::close);
      }
    }
  }

  /** The figures of one setup's outcomes. */
  public static Row row(String setup, Outcomes outcomes) {
    Samples cold = new Samples(outcomes.coldStart().size());
    for (OpenLoopStreams.Outcome outcome : outcomes.coldStart()) {
      if (outcome.ok()) {
        cold.add(outcome.ttftNanos());
      }
    }
    return measuredRow(setup, outcomes.measured(), cold.percentilesMillis());
  }

  private static Row measuredRow(
      String setup, List<OpenLoopStreams.Outcome> outcomes, Percentiles coldTtft) {
    Samples ttft = new Samples(outcomes.size());
    Samples completion = new Samples(outcomes.size());
    Map<Long, Integer> served = new LinkedHashMap<>();
    for (int i = 0; i < FLEET.size(); i++) {
      served.put(MockFleet.FIRST_ID + i, 0);
    }
    int failed = 0;
    for (OpenLoopStreams.Outcome outcome : outcomes) {
      if (!outcome.ok()) {
        failed++;
        continue;
      }
      ttft.add(outcome.ttftNanos());
      completion.add(outcome.totalNanos());
      outcome
          .instance()
          .flatMap(MixedFleetStage::id)
          .ifPresent(id -> served.merge(id, 1, Integer::sum));
    }
    return new Row(
        setup,
        outcomes.size(),
        failed,
        ttft.percentilesMillis(),
        completion.percentilesMillis(),
        served,
        coldTtft);
  }

  private static Optional<Long> id(String text) {
    try {
      return Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
