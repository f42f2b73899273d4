package dev.vastproxy.domain.load;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live load signals of one backend: its engine's latest reading, its measured speed and whether
 * it is a slow outlier. Shared by every snapshot of the backend (it hangs off {@link
 * dev.vastproxy.domain.backend.BackendLoad}), written by the load reader and the proxy's timing
 * callbacks, read lock-free on every request.
 */
public final class EngineSignals {
  private volatile LoadReading reading;
  private final AtomicReference<RequestSpeed> speed =
      new AtomicReference<>(RequestSpeed.unmeasured());
  private volatile boolean outlier;
  private volatile int slots;

  /** The latest fresh reading, if any. */
  public Optional<LoadReading> reading() {
    return Optional.ofNullable(reading);
  }

  /**
   * Requests the engine holds by its latest reading plus those this proxy sent since, or {@code -1}
   * without a fresh reading. Allocation-free for the request path.
   *
   * @param sentNow requests this proxy has sent the backend so far
   */
  public long reportedLoad(long sentNow) {
    LoadReading current = reading;
    if (current == null) {
      return -1;
    }
    return current.report().requests() + Math.max(0, sentNow - current.sentBefore());
  }

  /** Keeps a new reading, and learns the engine's slots from it. */
  public void record(LoadReading fresh) {
    reading = Objects.requireNonNull(fresh, "fresh");
    // Readings come one at a time per backend, so this read-then-write does not race.
    EngineReport report = fresh.report();
    if (report.waiting() > 0 && report.running() > 0) {
      slots = report.running();
    } else if (report.running() > slots) {
      slots = report.running();
    }
  }

  /**
   * How many requests the engine runs at once, as its readings show: its running count when it last
   * queued requests (it was full then), else the most it has run; 0 before any reading. Engines do
   * not report their limit, so this is learnt.
   */
  public int slots() {
    return slots;
  }

  /** Forgets the reading (the engine stopped answering, or the reading went stale). */
  public void forget() {
    reading = null;
  }

  /** The measured speed. */
  public RequestSpeed speed() {
    return speed.get();
  }

  /** Counts a time to first byte. */
  public void firstByte(long nanos) {
    speed.updateAndGet(current -> current.withFirstByte(nanos));
  }

  /** Counts a completed request's time. */
  public void requestCompleted(long nanos) {
    speed.updateAndGet(current -> current.withRequest(nanos));
  }

  /** Whether the backend is a slow outlier, given only a probe share of requests. */
  public boolean outlier() {
    return outlier;
  }

  /** Marks the backend as a slow outlier, or back in line. */
  public void markOutlier(boolean slow) {
    outlier = slow;
  }
}
