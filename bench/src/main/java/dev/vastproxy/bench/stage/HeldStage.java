package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.client.SseLoadClient;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.client.SseWorkload;
import dev.vastproxy.bench.client.StreamDigest;
import dev.vastproxy.bench.proc.HeapProbe;
import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.proc.ResourceSampler;
import dev.vastproxy.bench.proc.ResourceUse;
import dev.vastproxy.bench.targets.MockFleet;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.targets.TargetKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Mostly idle streams held open in growing numbers through a freshly started proxy: its memory per
 * stream (RSS, and for a JVM live heap after a full GC), and whether every stream survives.
 */
public final class HeldStage {
  private static final long POLL_NANOS = 50_000_000;
  private static final double KIB_PER_MIB = 1024.0;

  private final SseWorkload workload;
  private final Optional<SseWorkload> warmup;
  private final List<Integer> levels;
  private final int connectsPerSecond;
  private final StreamDigest reference;
  private final HeapProbe heap;
  private final ProcessTree proc;
  private final Consumer<String> log;

  /**
   * @param workload the streams' shape (its stream count is replaced by each level)
   * @param warmup a short unmeasured run each fresh proxy gets first (JIT compilation), if any
   * @param connectsPerSecond how fast the streams of a level are opened
   * @param reference the digest of one direct stream of this workload
   */
  public HeldStage(
      SseWorkload workload,
      Optional<SseWorkload> warmup,
      List<Integer> levels,
      int connectsPerSecond,
      StreamDigest reference,
      HeapProbe heap,
      ProcessTree proc,
      Consumer<String> log) {
    this.workload = workload;
    this.warmup = warmup;
    this.levels = List.copyOf(levels);
    this.connectsPerSecond = connectsPerSecond;
    this.reference = reference;
    this.heap = heap;
    this.proc = proc;
    this.log = log;
  }

  /** Starts a fresh target of the kind, runs every level in turn on it, and stops it. */
  public List<HeldLevel> run(TargetKind kind, MockFleet fleet, Path dir, boolean jvm)
      throws IOException {
    List<HeldLevel> results = new ArrayList<>();
    try (Target target = kind.start(fleet, dir)) {
      double rssIdle = proc.rssKib(target.pid().orElseThrow()) / KIB_PER_MIB;
      if (warmup.isPresent()) {
        log.accept("warm-up: " + target.name());
        new SseLoadClient(target.addresses(), warmup.get(), Optional.empty()).run();
      }
      for (int streams : levels) {
        log.accept("held streams: " + target.name() + " x " + streams);
        results.add(level(target, streams, rssIdle, jvm));
      }
    }
    return results;
  }

  private HeldLevel level(Target target, int streams, double rssIdle, boolean jvm)
      throws IOException {
    long pid = target.pid().orElseThrow();
    double heapBefore = jvm ? liveHeapMib(pid) : Double.NaN;
    double rssBefore = proc.rssKib(pid) / KIB_PER_MIB;
    Duration ramp = Duration.ofMillis(1000L * streams / connectsPerSecond);
    SseLoadClient client =
        new SseLoadClient(
            target.addresses(), workload.withStreams(streams, ramp), Optional.of(reference));
    ResourceSampler sampler = ResourceSampler.start(proc, target.pid(), target::allocatedBytes);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<SseRunResult> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return client.run();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              thread);
      boolean allHeld = awaitAllOpen(client, streams, run, ramp.plus(Duration.ofSeconds(20)));
      double rssHeld = proc.rssKib(pid) / KIB_PER_MIB;
      double heapHeld = jvm ? liveHeapMib(pid) : Double.NaN;
      SseRunResult result = run.get();
      ResourceUse use = sampler.finish();
      return new HeldLevel(
          target.name(),
          streams,
          rssIdle,
          rssBefore,
          rssHeld,
          heapBefore,
          heapHeld,
          allHeld,
          result,
          use);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IOException("the load client failed", e.getCause());
    } finally {
      sampler.close();
      thread.shutdownNow();
    }
  }

  private static boolean awaitAllOpen(
      SseLoadClient client, int streams, CompletableFuture<SseRunResult> run, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (client.active() < streams && !run.isDone() && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(POLL_NANOS);
    }
    return client.active() >= streams;
  }

  private double liveHeapMib(long pid) {
    long kib = heap.liveHeapKib(pid);
    return kib < 0 ? Double.NaN : kib / KIB_PER_MIB;
  }
}
