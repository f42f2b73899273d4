package dev.vastproxy.adapters.vastai;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts, retries and call rates of the vast.ai adapters; {@link #defaults()} suits production,
 * tests pass short values.
 *
 * @param requestTimeout how long one HTTP exchange may take, response included
 * @param connectTimeout how long opening a connection may take
 * @param retries how many times a call is repeated after a 429, a 5xx, a timeout or a connection
 *     failure (0 = never)
 * @param firstBackoff the mean pause before the first retry; each next pause doubles, with ±50 %
 *     jitter
 * @param maxBackoff the longest pause between two attempts
 * @param labelInterval the least time between two label calls (vast.ai limits each endpoint's rate
 *     per key)
 * @param destroyInterval the least time between two destroy calls
 * @param rateLimitWait how long a label or destroy call waits for its turn before it gives up
 */
public record VastAiTuning(
    Duration requestTimeout,
    Duration connectTimeout,
    int retries,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration labelInterval,
    Duration destroyInterval,
    Duration rateLimitWait) {

  /** The most retries allowed; more would only hide an outage. */
  public static final int MAX_RETRIES = 10;

  public VastAiTuning {
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new IllegalArgumentException("retries must be 0-" + MAX_RETRIES + ", got " + retries);
    }
    requirePositive(firstBackoff, "firstBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    if (firstBackoff.toMillis() < 1) {
      throw new IllegalArgumentException("firstBackoff must be at least 1 ms");
    }
    if (maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff must not be shorter than firstBackoff");
    }
    requirePositive(labelInterval, "labelInterval");
    requirePositive(destroyInterval, "destroyInterval");
    requirePositive(rateLimitWait, "rateLimitWait");
  }

  /**
   * Production values: 30 s per request, 10 s to connect, 3 retries from about 500 ms up to 10 s,
   * one label call and one destroy call per second, at most 2 minutes waiting for a turn.
   */
  public static VastAiTuning defaults() {
    return new VastAiTuning(
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        3,
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofMinutes(2));
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
