package dev.vastproxy.domain.load;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How loaded an engine says it is, in its own metrics: requests generating now, requests queued
 * behind them, the share of its KV cache in use, and its generated-token counter.
 *
 * @param running requests being generated
 * @param waiting requests queued, not started yet
 * @param kvCacheUsage the share of the KV cache in use, 0 to 1, when reported
 * @param generatedTokens the engine's total generated tokens (a counter), when reported
 * @param tokensPerSecond the engine's own generation throughput gauge, when reported (SGLang)
 */
public record EngineReport(
    int running,
    int waiting,
    OptionalDouble kvCacheUsage,
    OptionalDouble generatedTokens,
    OptionalDouble tokensPerSecond) {

  public EngineReport {
    if (running < 0 || waiting < 0) {
      throw new IllegalArgumentException(
          "running and waiting must not be negative: " + running + ", " + waiting);
    }
    Objects.requireNonNull(kvCacheUsage, "kvCacheUsage");
    Objects.requireNonNull(generatedTokens, "generatedTokens");
    Objects.requireNonNull(tokensPerSecond, "tokensPerSecond");
  }

  /** Just the request counts. */
  public static EngineReport of(int running, int waiting) {
    return new EngineReport(
        running, waiting, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
  }

  /** Requests the engine holds: running plus waiting. */
  public int requests() {
    return running + waiting;
  }
}
