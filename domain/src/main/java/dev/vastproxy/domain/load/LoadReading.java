package dev.vastproxy.domain.load;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One engine report as the proxy keeps it: when it was asked for, how many requests this proxy had
 * sent the engine by then (so the ones sent since can be added) and had in flight on it (so the
 * other senders' share shows), and the generation speed derived from it and the report before.
 *
 * @param report what the engine said
 * @param readAt when the read started
 * @param sentBefore requests this proxy had sent the backend when the read started
 * @param tokensPerSecond tokens generated per second since the previous reading, when known
 * @param ownInFlight requests this proxy had in flight on the backend when the read started
 */
public record LoadReading(
    EngineReport report,
    Instant readAt,
    long sentBefore,
    OptionalDouble tokensPerSecond,
    int ownInFlight) {

  public LoadReading {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(readAt, "readAt");
    if (sentBefore < 0 || ownInFlight < 0) {
      throw new IllegalArgumentException(
          "sentBefore and ownInFlight must not be negative: " + sentBefore + ", " + ownInFlight);
    }
    Objects.requireNonNull(tokensPerSecond, "tokensPerSecond");
  }

  /** A reading whose requests were all this proxy's (no other sender). */
  public LoadReading(
      EngineReport report, Instant readAt, long sentBefore, OptionalDouble tokensPerSecond) {
    this(report, readAt, sentBefore, tokensPerSecond, report.requests());
  }

  /**
   * Seconds per generated token for one running request, from throughput and concurrency: an engine
   * generating {@code t} tokens/s over {@code r} streams spends {@code r/t} s per token on each.
   */
  public OptionalDouble secondsPerToken() {
    if (tokensPerSecond.isEmpty() || tokensPerSecond.getAsDouble() <= 0 || report.running() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(report.running() / tokensPerSecond.getAsDouble());
  }
}
