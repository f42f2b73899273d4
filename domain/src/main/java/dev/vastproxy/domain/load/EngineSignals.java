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
  /**
   * The weight of a new reading's time per token once a few are known: the last few seconds
   * dominate the mean. The first readings weigh as much as those before them (a plain mean), so the
   * first one, taken while the engine warmed up, does not linger for seconds.
   */
  static final double PER_TOKEN_WEIGHT = 0.3;

  /**
   * For how many readings after one that showed requests waiting the engine counts as having queued
   * lately: the first bytes measured meanwhile still carry that wait.
   */
  static final int QUEUE_MEMORY = 10;

  private volatile LoadReading reading;
  private final AtomicReference<RequestSpeed> speed =
      new AtomicReference<>(RequestSpeed.unmeasured());
  private volatile boolean outlier;
  private volatile int slots;
  private volatile boolean seenFull;
  private volatile double perTokenNanos;
  private volatile int perTokenSamples;
  private volatile int readingsSinceQueue = QUEUE_MEMORY;

  /** The latest fresh reading, if any. */
  public Optional<LoadReading> reading() {
    return Optional.ofNullable(reading);
  }

  /** The latest fresh reading or {@code null}: {@link #reading()} without an allocation. */
  public LoadReading latest() {
    return reading;
  }

  /**
   * Requests the engine holds by its latest reading plus those this proxy sent since, or {@code -1}
   * without a fresh reading. Allocation-free for the request path.
   *
   * @param sentNow requests this proxy has sent the backend so far
   */
  public long reportedLoad(long sentNow) {
    return (long) reportedLoad(sentNow, 1.0);
  }

  /**
   * Requests the engine holds by its latest reading plus those sent since by every sender, or
   * {@code -1} without a fresh reading: this proxy's sends since, times {@code sendersPerOwn} (how
   * many requests all senders send for each of this proxy's, see {@link
   * dev.vastproxy.domain.routing.LeastLoadPolicy}). Allocation-free for the request path.
   *
   * @param sentNow requests this proxy has sent the backend so far
   * @param sendersPerOwn at least 1
   */
  public double reportedLoad(long sentNow, double sendersPerOwn) {
    LoadReading current = reading;
    if (current == null) {
      return -1;
    }
    return current.report().requests()
        + sendersPerOwn * Math.max(0, sentNow - current.sentBefore());
  }

  /** Keeps a new reading, and learns the engine's slots and time per token from it. */
  public void record(LoadReading fresh) {
    Objects.requireNonNull(fresh, "fresh");
    // Readings come one at a time per backend, so these read-then-writes do not race.
    LoadReading previous = reading;
    reading = fresh;
    double perToken = perTokenNanos(previous, fresh);
    if (perToken > 0) {
      int samples = perTokenSamples + 1;
      perTokenSamples = samples;
      double mean = perTokenNanos;
      perTokenNanos = mean + Math.max(PER_TOKEN_WEIGHT, 1.0 / samples) * (perToken - mean);
    }
    EngineReport report = fresh.report();
    int sinceQueue = readingsSinceQueue;
    readingsSinceQueue = report.waiting() > 0 ? 0 : Math.min(QUEUE_MEMORY, sinceQueue + 1);
    if (report.waiting() > 0 && report.running() > 0) {
      slots = report.running();
      seenFull = true;
    } else if (report.running() > slots) {
      slots = report.running();
    }
  }

  /**
   * The time one running request waits for each of its tokens, in nanoseconds, as the engine's own
   * token counter shows (a mean over recent readings); 0 while unknown (no token counter, or the
   * engine never ran anything while read). Every proxy reading the engine sees the same figure,
   * whatever requests it sent, so replicas judge an engine's speed alike.
   */
  public double perTokenNanos() {
    return perTokenNanos;
  }

  /**
   * One reading's time per token: the requests that ran over the interval (the mean of both
   * readings' running counts) over the tokens per second they made; 0 when the interval made none,
   * or when the engine was idle at either end of it: then it ran for only part of the interval,
   * unknown how long, and the figure would come out many times too slow (measured: three times on
   * the first reading after an idle one, eight times on the last before one).
   */
  private static double perTokenNanos(LoadReading previous, LoadReading fresh) {
    if (fresh.tokensPerSecond().isEmpty()
        || fresh.tokensPerSecond().getAsDouble() <= 0
        || fresh.report().running() == 0
        || (previous != null && previous.report().running() == 0)) {
      return 0;
    }
    double running =
        previous == null
            ? fresh.report().running()
            : (previous.report().running() + fresh.report().running()) / 2.0;
    return running * 1e9 / fresh.tokensPerSecond().getAsDouble();
  }

  /**
   * Whether one of the engine's last {@link #QUEUE_MEMORY} readings showed requests waiting for a
   * slot.
   */
  public boolean queuedLately() {
    return readingsSinceQueue < QUEUE_MEMORY;
  }

  /**
   * How many requests the engine runs at once, as its readings show: its running count when it last
   * queued requests (it was full then), else the most it has run; 0 before any reading. Engines do
   * not report their limit, so this is learnt.
   */
  public int slots() {
    return slots;
  }

  /**
   * Whether the engine was ever seen full (requests waiting beside running ones), so that its
   * {@link #slots()} are its limit rather than the most it happened to run.
   */
  public boolean seenFull() {
    return seenFull;
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
