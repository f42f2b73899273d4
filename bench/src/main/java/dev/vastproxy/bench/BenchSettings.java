package dev.vastproxy.bench;

import dev.vastproxy.bench.targets.VastProxyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a benchmark run is made of: which targets and stages, how long and how hard.
 *
 * @param profile {@code full} or {@code smoke}
 * @param rounds interleaved rounds per stage
 * @param jar the vastproxy jar
 * @param workDir where configurations, logs and tool output go
 * @param workers worker processes or threads of every proxy (nginx, HAProxy, vastproxy's IO
 *     threads)
 * @param engines mock backends
 * @param engineIoThreads IO threads of each mock backend
 * @param peers whether nginx and HAProxy run (when installed)
 * @param policies whether vastproxy also runs with least-requests and power-of-two
 * @param stages which stages run: saturation, fixed, streaming, held, startup, chaos
 * @param bodyBytes size of the JSON POST body
 * @param wrkThreads wrk threads
 * @param wrkConnections wrk connections
 * @param wrkDuration each wrk run
 * @param warmup wrk warm-up per target before the rounds
 * @param heyWorkers hey workers
 * @param heyRate requests per second hey offers in all
 * @param heyDuration each hey run
 * @param streams concurrent SSE streams
 * @param events token events per stream
 * @param delayMs inter-token delay
 * @param ttftMs backend time to first token
 * @param ramp the time over which the streams start
 * @param streamWarmup whether each target gets one unmeasured streaming run first
 * @param heldLevels held-stream counts, in order
 * @param heldEvents events per held stream
 * @param heldDelayMs delay between a held stream's events
 * @param heldConnectsPerSecond how fast held streams are opened
 * @param startupRuns start-up measurements per target
 * @param jvmFlags vastproxy's JVM flags
 * @param baseline another vastproxy jar run beside {@code jar} in the same interleaved rounds, for
 *     an A/B on one machine at one time
 * @param chaosStreams streams through each target while its engines die and come back
 * @param chaosRamp the time over which those streams start
 */
public record BenchSettings(
    String profile,
    int rounds,
    Path jar,
    Path workDir,
    int workers,
    int engines,
    int engineIoThreads,
    boolean peers,
    boolean policies,
    Set<String> stages,
    int bodyBytes,
    int wrkThreads,
    int wrkConnections,
    Duration wrkDuration,
    Duration warmup,
    int heyWorkers,
    int heyRate,
    Duration heyDuration,
    int streams,
    int events,
    int delayMs,
    int ttftMs,
    Duration ramp,
    boolean streamWarmup,
    List<Integer> heldLevels,
    int heldEvents,
    int heldDelayMs,
    int heldConnectsPerSecond,
    int startupRuns,
    List<String> jvmFlags,
    Optional<Path> baseline,
    int chaosStreams,
    Duration chaosRamp) {
  /** Every stage, in the order they run. */
  public static final List<String> STAGES =
      List.of("startup", "saturation", "fixed", "streaming", "held", "chaos");

  public BenchSettings {
    stages = Set.copyOf(stages);
    heldLevels = List.copyOf(heldLevels);
    jvmFlags = List.copyOf(jvmFlags);
    for (String stage : stages) {
      if (!STAGES.contains(stage)) {
        throw new IllegalArgumentException("no stage " + stage + "; stages are " + STAGES);
      }
    }
    if (rounds < 1 || workers < 1 || engines < 1) {
      throw new IllegalArgumentException("rounds, workers and engines must be at least 1");
    }
  }

  /** The full benchmark: every stage, 3 rounds, the workloads of docs/benchmarks.md. */
  public static BenchSettings full(Path jar, Path workDir, int workers) {
    return new BenchSettings(
        "full",
        3,
        jar,
        workDir,
        workers,
        2,
        2,
        true,
        true,
        Set.copyOf(STAGES),
        1024,
        2,
        64,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        16,
        4000,
        Duration.ofSeconds(10),
        1000,
        100,
        50,
        50,
        Duration.ofSeconds(1),
        true,
        List.of(1000, 4000, 8000),
        20,
        1000,
        1000,
        5,
        VastProxyKind.defaultJvmFlags(workers),
        Optional.empty(),
        500,
        Duration.ofSeconds(25));
  }

  /** The CI smoke run: one round, small counts, direct and vastproxy only; under a minute. */
  public static BenchSettings smoke(Path jar, Path workDir) {
    return new BenchSettings(
        "smoke",
        1,
        jar,
        workDir,
        1,
        2,
        1,
        false,
        false,
        Set.copyOf(STAGES),
        1024,
        1,
        8,
        Duration.ofSeconds(2),
        Duration.ZERO,
        4,
        400,
        Duration.ofSeconds(2),
        50,
        20,
        50,
        50,
        Duration.ofMillis(250),
        false,
        List.of(200),
        5,
        200,
        1000,
        1,
        VastProxyKind.defaultJvmFlags(1),
        Optional.empty(),
        60,
        Duration.ofSeconds(3));
  }

  /** The same settings with other rounds. */
  public BenchSettings withRounds(int value) {
    return choose(value, peers, policies, stages, jvmFlags, baseline);
  }

  /** The same settings with only these stages. */
  public BenchSettings withStages(Set<String> value) {
    return choose(rounds, peers, policies, value, jvmFlags, baseline);
  }

  /** The same settings with other vastproxy JVM flags. */
  public BenchSettings withJvmFlags(List<String> value) {
    return choose(rounds, peers, policies, stages, value, baseline);
  }

  /** The same settings with or without the peers and the policy variants. */
  public BenchSettings withTargets(boolean withPeers, boolean withPolicies) {
    return choose(rounds, withPeers, withPolicies, stages, jvmFlags, baseline);
  }

  /** The same settings with a baseline jar run beside the jar under test. */
  public BenchSettings withBaseline(Path value) {
    return choose(rounds, peers, policies, stages, jvmFlags, Optional.of(value));
  }

  /** The same workloads with what a user may choose on the command line. */
  private BenchSettings choose(
      int newRounds,
      boolean newPeers,
      boolean newPolicies,
      Set<String> newStages,
      List<String> newJvmFlags,
      Optional<Path> newBaseline) {
    return new BenchSettings(
        profile,
        newRounds,
        jar,
        workDir,
        workers,
        engines,
        engineIoThreads,
        newPeers,
        newPolicies,
        newStages,
        bodyBytes,
        wrkThreads,
        wrkConnections,
        wrkDuration,
        warmup,
        heyWorkers,
        heyRate,
        heyDuration,
        streams,
        events,
        delayMs,
        ttftMs,
        ramp,
        streamWarmup,
        heldLevels,
        heldEvents,
        heldDelayMs,
        heldConnectsPerSecond,
        startupRuns,
        newJvmFlags,
        newBaseline,
        chaosStreams,
        chaosRamp);
  }

  /** Whether a stage runs. */
  public boolean runs(String stage) {
    return stages.contains(stage);
  }
}
