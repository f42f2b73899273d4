package dev.vastproxy.adapters.http.relay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import org.xnio.XnioIoThread;

/**
 * The silence watches of one proxy: each IO thread's are checked together by one timer, a few times
 * per idle timeout and only while it has any. A timer per request would cost a sorted-map insert
 * and removal on every request (and Undertow's read timeout a timer per read and a new conduit per
 * request); the price is that a silent backend is caught up to a quarter of the timeout (at most a
 * second) late.
 */
final class SilenceSweeps {
  private static final long LONGEST_PERIOD = TimeUnit.SECONDS.toNanos(1);
  private static final long SHORTEST_PERIOD = TimeUnit.MILLISECONDS.toNanos(10);

  private final long idleNanos;
  private final long periodNanos;
  private final Map<XnioIoThread, Sweep> sweeps = new ConcurrentHashMap<>();

  /**
   * @param idle how long a backend may stay silent while waited for; zero watches nothing
   */
  SilenceSweeps(Duration idle) {
    this.idleNanos = idle.toNanos();
    this.periodNanos = Math.max(SHORTEST_PERIOD, Math.min(LONGEST_PERIOD, idleNanos / 4));
  }

  /** Starts watching an attempt on {@code thread} (see {@link SilenceWatch}'s constructor). */
  SilenceWatch watch(XnioIoThread thread, LongUnaryOperator silentAt, LongConsumer silent) {
    SilenceWatch watch = new SilenceWatch(silentAt, silent);
    if (idleNanos > 0) {
      Sweep sweep = sweeps.get(thread);
      if (sweep == null) {
        sweep = sweeps.computeIfAbsent(thread, Sweep::new);
      }
      sweep.add(watch);
    }
    return watch;
  }

  /** One IO thread's watches, touched only on that thread. */
  private final class Sweep {
    private final XnioIoThread thread;
    private final ArrayDeque<SilenceWatch> watches = new ArrayDeque<>();
    private boolean armed;

    Sweep(XnioIoThread thread) {
      this.thread = thread;
    }

    void add(SilenceWatch watch) {
      if (Thread.currentThread() != thread) {
        thread.execute(() -> add(watch));
        return;
      }
      watches.addLast(watch);
      arm();
    }

    private void arm() {
      if (!armed && !watches.isEmpty()) {
        armed = true;
        thread.executeAfter(this::sweep, periodNanos, TimeUnit.NANOSECONDS);
      }
    }

    private void sweep() {
      armed = false;
      long now = System.nanoTime();
      // Only the watches there were: one added by a failure told here waits for the next sweep.
      for (int left = watches.size(); left > 0; left--) {
        SilenceWatch watch = watches.pollFirst();
        if (watch.stillWatched(now, idleNanos)) {
          watches.addLast(watch);
        }
      }
      arm();
    }
  }
}
