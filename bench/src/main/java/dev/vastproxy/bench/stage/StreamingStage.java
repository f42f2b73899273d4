package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.client.SseLoadClient;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.client.SseWorkload;
import dev.vastproxy.bench.client.StreamDigest;
import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.proc.ResourceSampler;
import dev.vastproxy.bench.targets.Target;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Concurrent SSE streams through each target: time to headers, to the first token, and each event's
 * delivery latency; every stream checked against the direct reference.
 */
public final class StreamingStage {
  private final SseWorkload workload;
  private final StreamDigest reference;
  private final boolean warmup;
  private final ProcessTree proc;
  private final Consumer<String> log;

  /**
   * @param reference the digest of one direct stream of this workload
   * @param warmup whether each target first gets unmeasured runs at full concurrency, until its JIT
   *     compiler has settled ({@link JitWarmUp})
   */
  public StreamingStage(
      SseWorkload workload,
      StreamDigest reference,
      boolean warmup,
      ProcessTree proc,
      Consumer<String> log) {
    this.workload = workload;
    this.reference = reference;
    this.warmup = warmup;
    this.proc = proc;
    this.log = log;
  }

  /** Warms every target up at full concurrency, then measures each in every round. */
  public Map<String, List<Measured<SseRunResult>>> run(List<Target> targets, int rounds)
      throws IOException {
    if (warmup) {
      for (Target target : targets) {
        JitWarmUp.warmUp(
            target,
            proc,
            log,
            () -> new SseLoadClient(target.addresses(), workload, Optional.of(reference)).run());
      }
    }
    return Interleaved.run(targets, rounds, (target, round) -> measure(target), log);
  }

  private Measured<SseRunResult> measure(Target target) throws IOException {
    ResourceSampler sampler = ResourceSampler.start(proc, target.pid(), target::allocatedBytes);
    try {
      SseRunResult result =
          new SseLoadClient(target.addresses(), workload, Optional.of(reference)).run();
      if (result.broken() > 0) {
        log.accept(
            target.name() + ": " + result.broken() + " broken streams: " + result.failures());
      }
      return new Measured<>(result, sampler.finish());
    } finally {
      sampler.close();
    }
  }
}
