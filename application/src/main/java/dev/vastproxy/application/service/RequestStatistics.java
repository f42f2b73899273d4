package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.RescueCounters;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts routed requests per second over the last five minutes, for the sticky share and the
 * request rate, and the fleet's rescues since start. Recording is lock-free except once per second
 * per bucket, when it is recycled.
 */
public final class RequestStatistics {
  /** The window the sticky share covers. */
  static final int WINDOW_SECONDS = 300;

  /** The seconds the request rate is averaged over (complete seconds only). */
  static final int RATE_SECONDS = 5;

  private final Clock clock;
  private final Bucket[] buckets = new Bucket[WINDOW_SECONDS];
  private final RescueCounters rescues = new RescueCounters();

  public RequestStatistics(Clock clock) {
    this.clock = clock;
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new Bucket();
    }
  }

  /** Counts one routed request. */
  public void record(boolean sticky) {
    long second = Math.floorDiv(clock.millis(), 1000L);
    Bucket bucket = buckets[(int) Math.floorMod(second, (long) WINDOW_SECONDS)];
    if (bucket.second != second) {
      bucket.recycle(second);
    }
    bucket.requests.increment();
    if (sticky) {
      bucket.sticky.increment();
    }
  }

  /** The fleet's rescues since start. */
  public RescueCounters rescues() {
    return rescues;
  }

  /** The figures now, with the fleet's in-flight count. */
  public TrafficSummary summary(int inFlight) {
    long now = Math.floorDiv(clock.millis(), 1000L);
    long requests = 0;
    long sticky = 0;
    long lastSeconds = 0;
    for (Bucket bucket : buckets) {
      long age = now - bucket.second;
      if (age < 0 || age >= WINDOW_SECONDS) {
        continue;
      }
      long count = bucket.requests.sum();
      requests += count;
      sticky += bucket.sticky.sum();
      if (age >= 1 && age <= RATE_SECONDS) {
        lastSeconds += count;
      }
    }
    return new TrafficSummary(
        (double) lastSeconds / RATE_SECONDS, requests, sticky, inFlight, rescues.counts());
  }

  /** One second's counts. */
  private static final class Bucket {
    private volatile long second = Long.MIN_VALUE;
    private final LongAdder requests = new LongAdder();
    private final LongAdder sticky = new LongAdder();

    private synchronized void recycle(long newSecond) {
      if (second != newSecond) {
        requests.reset();
        sticky.reset();
        second = newSecond;
      }
    }
  }
}
