package dev.vastproxy.adapters.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * How SSH to the instances behaves: who logs in, how long to wait, and how to pace retries
 * (behaviour.md §7).
 *
 * @param user the login name on every instance
 * @param connectTimeout the most a TCP connect, key exchange or login may take
 * @param commandTimeout the most a remote command may take to finish
 * @param directRetry while on the proxy path, how often to try the direct path again
 * @param firstBackoff the pause after the first failure in a row; it doubles with each further one
 * @param maxBackoff the longest pause between attempts
 * @param idleClose a session unused this long is closed (its instance has left the fleet)
 */
public record SshSettings(
    String user,
    Duration connectTimeout,
    Duration commandTimeout,
    Duration directRetry,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration idleClose) {

  public SshSettings {
    Objects.requireNonNull(user, "user");
    if (user.isBlank()) {
      throw new IllegalArgumentException("user must not be blank");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(commandTimeout, "commandTimeout");
    requirePositive(directRetry, "directRetry");
    requirePositive(firstBackoff, "firstBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(idleClose, "idleClose");
    if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeout is too long");
    }
    if (firstBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException("firstBackoff must not exceed maxBackoff");
    }
  }

  /**
   * The product's values: {@code root}, 10 s timeouts, direct re-tried every 30 s, back-off from 10
   * s to 5 min, idle sessions closed after 2 min.
   */
  public static SshSettings defaults() {
    return new SshSettings(
        "root",
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5),
        Duration.ofMinutes(2));
  }

  /** The same settings with other timeouts (tests keep them short). */
  public SshSettings withTimeouts(Duration connect, Duration command) {
    return new SshSettings(
        user, connect, command, directRetry, firstBackoff, maxBackoff, idleClose);
  }

  /** The pause after this many failures in a row: 10 s, 20 s, 40 s … capped at the maximum. */
  public Duration backoffAfter(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, got " + failures);
    }
    Duration pause = firstBackoff;
    for (int i = 1; i < failures && pause.compareTo(maxBackoff) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxBackoff) < 0 ? pause : maxBackoff;
  }

  /** The connect timeout in whole milliseconds, as SSHJ wants it. */
  int connectTimeoutMillis() {
    return (int) connectTimeout.toMillis();
  }

  private static void requirePositive(Duration value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }
}
