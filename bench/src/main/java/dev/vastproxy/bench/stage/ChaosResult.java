package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.client.SseRunResult;
import java.util.Objects;

/**
 * How the streams through one target fared while engines died and came back.
 *
 * @param target the target's name
 * @param result the streams: a completed one carried the whole text once, one {@code [DONE]} and no
 *     error, byte for byte as the direct reference
 * @param crashes how many times an engine died during the run
 */
public record ChaosResult(String target, SseRunResult result, int crashes) {
  public ChaosResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(result, "result");
  }

  /** The share of streams that completed for the client, 0 to 1. */
  public double completedShare() {
    return result.streams() == 0 ? 0 : (double) result.completed() / result.streams();
  }
}
