package dev.vastproxy.domain.backend;

import dev.vastproxy.domain.cost.TokenCounts;
import dev.vastproxy.domain.load.EngineSignals;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live request counters of one backend. Shared by every snapshot of that backend, so the
 * request path updates them without copying the fleet.
 */
public final class BackendLoad {
  private static final AtomicLong INCARNATIONS = new AtomicLong();

  private final long incarnation = INCARNATIONS.incrementAndGet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder started = new LongAdder();
  private final EngineSignals signals = new EngineSignals();
  private final TokenCounts tokens = new TokenCounts();
  private final Instant enrolledAt;

  /** The counters of an instance enrolled at {@code enrolledAt}. */
  public BackendLoad(Instant enrolledAt) {
    this.enrolledAt = Objects.requireNonNull(enrolledAt, "enrolledAt");
  }

  private final RescueCounters rescues = new RescueCounters();

  /**
   * Which enrolment of its instance this is: a backend removed and discovered again gets a new
   * number, so work scheduled for the old one can tell.
   */
  public long incarnation() {
    return incarnation;
  }

  /** Requests sent to the backend and not finished yet. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Requests ever sent to the backend. */
  public long started() {
    return started.sum();
  }

  /** What the engine reports of its load and what the proxy measures of its speed. */
  public EngineSignals signals() {
    return signals;
  }

  /** The tokens it served in this enrolment. */
  public TokenCounts tokens() {
    return tokens;
  }

  /** When this enrolment began: when discovery first listed the instance running. */
  public Instant enrolledAt() {
    return enrolledAt;
  }

  /** What the proxy did for requests and streams this backend failed. */
  public RescueCounters rescues() {
    return rescues;
  }

  /** Counts a request sent to the backend. */
  public void begin() {
    started.increment();
    inFlight.incrementAndGet();
  }

  /** Counts a request finished, however it ended; never goes below zero. */
  public void end() {
    inFlight.getAndUpdate(current -> current > 0 ? current - 1 : 0);
  }

  @Override
  public String toString() {
    return "BackendLoad[inFlight=" + inFlight() + ", started=" + started() + "]";
  }
}
