package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.tool.JsonLoad;
import dev.vastproxy.bench.tool.Wrk;
import dev.vastproxy.bench.tool.WrkResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Closed-loop POSTs at saturation (wrk): throughput and the proxy's CPU per request. */
public final class SaturationStage extends SampledLoadStage<WrkResult> {
  private final Wrk wrk;
  private final Duration warmup;
  private final ProcessTree proc;

  /**
   * @param load the load (its target is replaced by each target's address)
   * @param warmup how long each target is loaded before the rounds, repeated until its JIT compiler
   *     has settled ({@link JitWarmUp})
   */
  public SaturationStage(
      Wrk wrk, JsonLoad load, Duration warmup, ProcessTree proc, Path dir, Consumer<String> log)
      throws IOException {
    super(wrk::run, load, proc, dir, log);
    this.wrk = wrk;
    this.warmup = warmup;
    this.proc = proc;
  }

  /** Warms every target up, then measures each in every round. */
  @Override
  public Map<String, List<Measured<WrkResult>>> run(List<Target> targets, int rounds)
      throws IOException {
    warmUp(targets);
    return super.run(targets, rounds);
  }

  /**
   * Loads each target for the warm-up time, unmeasured (JIT compilation, pooled connections), as
   * often as {@link JitWarmUp} says.
   */
  public void warmUp(List<Target> targets) throws IOException {
    if (warmup.isZero()) {
      return;
    }
    for (Target target : targets) {
      JitWarmUp.warmUp(
          target, proc, log, () -> wrk.run(load.at(target.address()).lasting(warmup), dir));
    }
  }
}
