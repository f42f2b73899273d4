package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.proc.ResourceSampler;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.tool.JsonLoad;
import dev.vastproxy.bench.tool.Wrk;
import dev.vastproxy.bench.tool.WrkResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Closed-loop POSTs at saturation (wrk): throughput and the proxy's CPU per request. */
public final class SaturationStage {
  private final Wrk wrk;
  private final JsonLoad load;
  private final Duration warmup;
  private final ProcessTree proc;
  private final Path dir;
  private final Consumer<String> log;

  /**
   * @param load the load (its target is replaced by each target's address)
   * @param warmup how long each target is loaded before the rounds (JIT warm-up)
   */
  public SaturationStage(
      Wrk wrk, JsonLoad load, Duration warmup, ProcessTree proc, Path dir, Consumer<String> log)
      throws IOException {
    this.wrk = wrk;
    this.load = load;
    this.warmup = warmup;
    this.proc = proc;
    this.dir = Files.createDirectories(dir);
    this.log = log;
  }

  /** Warms every target up, then measures each in every round. */
  public Map<String, List<Measured<WrkResult>>> run(List<Target> targets, int rounds)
      throws IOException {
    warmUp(targets);
    return Interleaved.run(targets, rounds, (target, round) -> measure(target), log);
  }

  /** Loads each target for the warm-up time, unmeasured (JIT compilation, pooled connections). */
  public void warmUp(List<Target> targets) throws IOException {
    if (warmup.isZero()) {
      return;
    }
    for (Target target : targets) {
      log.accept("warm-up: " + target.name());
      wrk.run(load.at(target.address()).lasting(warmup), dir);
    }
  }

  private Measured<WrkResult> measure(Target target) throws IOException {
    ResourceSampler sampler = ResourceSampler.start(proc, target.pid());
    try {
      WrkResult result = wrk.run(load.at(target.address()), dir);
      return new Measured<>(result, sampler.finish());
    } finally {
      sampler.close();
    }
  }
}
