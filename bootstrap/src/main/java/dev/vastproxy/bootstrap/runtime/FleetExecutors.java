package dev.vastproxy.bootstrap.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the fleet loops, apart from the HTTP IO threads: a scheduler for timers, workers
 * for the blocking calls (vast.ai, SSH), so that none of them can delay the others, and the fleet's
 * own thread for the changes that IO threads hand off.
 */
public final class FleetExecutors implements AutoCloseable {
  /** GPU probes at once, whatever the fleet's size. */
  static final int GPU_PROBE_THREADS = 8;

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(named("vastproxy-scheduler"));
  private final ExecutorService discovery =
      Executors.newSingleThreadExecutor(named("vastproxy-discovery"));
  private final ExecutorService labels =
      Executors.newSingleThreadExecutor(named("vastproxy-labels"));
  private final ExecutorService actions =
      Executors.newSingleThreadExecutor(named("vastproxy-actions"));
  private final ExecutorService fleet = Executors.newSingleThreadExecutor(named("vastproxy-fleet"));
  private final ExecutorService tunnels =
      Executors.newSingleThreadExecutor(named("vastproxy-tunnels"));
  private final ExecutorService gpuProbes =
      new ThreadPoolExecutor(
          GPU_PROBE_THREADS,
          GPU_PROBE_THREADS,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          named("vastproxy-gpu"));

  /** Timers of every loop. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** vast.ai listing polls. */
  public ExecutorService discovery() {
    return discovery;
  }

  /** vast.ai label calls, one at a time. */
  public ExecutorService labels() {
    return labels;
  }

  /** Fleet actions (destroy all), one at a time. */
  public ExecutorService actions() {
    return actions;
  }

  /**
   * Fleet changes handed off by threads that must never wait for the fleet's lock (the HTTP IO
   * threads taking a failing backend out), one at a time, in the order handed off.
   */
  public ExecutorService fleet() {
    return fleet;
  }

  /** Opening SSH tunnels. */
  public ExecutorService tunnels() {
    return tunnels;
  }

  /** GPU probes over SSH: a bounded pool with a FIFO queue, so no probe starves. */
  public ExecutorService gpuProbes() {
    return gpuProbes;
  }

  /** Stops every thread, waiting a little for tasks under way. */
  @Override
  public void close() {
    List<ExecutorService> all =
        List.of(scheduler, discovery, gpuProbes, tunnels, actions, labels, fleet);
    all.forEach(ExecutorService::shutdown);
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    for (ExecutorService executor : all) {
      try {
        if (!executor.awaitTermination(
            Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ThreadFactory named(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
