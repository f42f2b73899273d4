package dev.vastproxy.bench.proc;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches one measurement: the target's CPU time and peak RSS, the harness's own CPU (load client
 * and mock backend), and the CPU that other programs on the machine used meanwhile (foreign CPU:
 * the machine's busy time minus this harness's process tree).
 */
public final class ResourceSampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 250;
  private static final int FOREIGN_WINDOW = 4;

  private final ProcessTree proc;
  private final long harness;
  private final OptionalLong target;
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();
  private final long targetTicksAtStart;
  private final long harnessOwnTicksAtStart;
  private final long harnessTreeTicksAtStart;
  private final ProcessTree.MachineTicks machineAtStart;
  private long peakRssKib;
  private long windowBusy;
  private long windowTree;
  private int windowSamples;
  private double maxForeignCores;
  private final Supplier<OptionalDouble> allocated;
  private final OptionalDouble allocatedAtStart;

  private ResourceSampler(
      ProcessTree proc, long harness, OptionalLong target, Supplier<OptionalDouble> allocated) {
    this.proc = proc;
    this.harness = harness;
    this.target = target;
    this.allocated = allocated;
    this.allocatedAtStart = allocated.get();
    this.targetTicksAtStart = target.isPresent() ? proc.cpuTicks(target.getAsLong()) : 0;
    this.harnessOwnTicksAtStart = proc.ownCpuTicks(harness);
    this.harnessTreeTicksAtStart = proc.cpuTicks(harness);
    this.machineAtStart = proc.machineTicks();
    this.windowBusy = machineAtStart.busy();
    this.windowTree = harnessTreeTicksAtStart;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "bench-sampler");
              thread.setDaemon(true);
              return thread;
            });
    sample();
    timer.scheduleAtFixedRate(this::sample, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts watching; the target is the proxy's process (empty for direct), {@code allocated} reads
   * the heap it allocated since its start (empty where it does not tell).
   */
  public static ResourceSampler start(
      ProcessTree proc, OptionalLong target, Supplier<OptionalDouble> allocated) {
    return new ResourceSampler(proc, ProcessHandle.current().pid(), target, allocated);
  }

  private synchronized void sample() {
    if (target.isPresent()) {
      peakRssKib = Math.max(peakRssKib, proc.rssKib(target.getAsLong()));
    }
    if (++windowSamples == FOREIGN_WINDOW) {
      long busy = proc.machineTicks().busy();
      long tree = proc.cpuTicks(harness);
      double seconds = FOREIGN_WINDOW * PERIOD_MILLIS / 1000.0;
      double foreign =
          ((busy - windowBusy) - (tree - windowTree)) / (double) ProcessTree.TICKS_PER_SECOND;
      maxForeignCores = Math.max(maxForeignCores, Math.max(0, foreign / seconds));
      windowBusy = busy;
      windowTree = tree;
      windowSamples = 0;
    }
  }

  /** Stops watching and reports. */
  public synchronized ResourceUse finish() {
    timer.shutdownNow();
    sample();
    OptionalDouble allocatedNow = allocated.get();
    OptionalDouble allocatedMeanwhile =
        allocatedAtStart.isPresent() && allocatedNow.isPresent()
            ? OptionalDouble.of(allocatedNow.getAsDouble() - allocatedAtStart.getAsDouble())
            : OptionalDouble.empty();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double hz = ProcessTree.TICKS_PER_SECOND;
    long targetTicks =
        target.isPresent() ? proc.cpuTicks(target.getAsLong()) - targetTicksAtStart : 0;
    long harnessOwn = proc.ownCpuTicks(harness) - harnessOwnTicksAtStart;
    long tree = proc.cpuTicks(harness) - harnessTreeTicksAtStart;
    long busy = proc.machineTicks().busy() - machineAtStart.busy();
    double foreignAverage = Math.max(0, (busy - tree) / hz / Math.max(seconds, 1e-3));
    return new ResourceUse(
        seconds,
        targetTicks / hz,
        peakRssKib / 1024.0,
        harnessOwn / hz,
        foreignAverage,
        Math.max(maxForeignCores, foreignAverage),
        allocatedMeanwhile);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
