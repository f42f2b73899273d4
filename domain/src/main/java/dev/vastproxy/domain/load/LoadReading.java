package dev.vastproxy.domain.load;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One engine report as the proxy keeps it: when it was asked for, how many requests this proxy had
 * sent the engine by then (so the ones sent since can be added), and the generation speed derived
 * from it and the report before.
 *
 * @param report what the engine said
 * @param readAt when the read started
 * @param sentBefore requests this proxy had sent the backend when the read started
 * @param tokensPerSecond tokens generated per second since the previous reading, when known
 */
public record LoadReading(
    EngineReport report, Instant readAt, long sentBefore, OptionalDouble tokensPerSecond) {

  public LoadReading {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(readAt, "readAt");
    if (sentBefore < 0) {
      throw new IllegalArgumentException("sentBefore must not be negative: " + sentBefore);
    }
    Objects.requireNonNull(tokensPerSecond, "tokensPerSecond");
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
