package dev.vastproxy.domain.load;

import java.util.Objects;

/**
 * What the slow-outlier rule judges one backend by: the speed this proxy measured, the time per
 * token its engine's readings show, and whether its engine reported requests waiting lately.
 *
 * @param measured this proxy's mean times to first byte and of whole requests
 * @param perTokenNanos the engine's time per token, 0 when unknown
 * @param queued whether one of the engine's recent readings showed requests waiting for a slot
 */
public record BackendSpeed(RequestSpeed measured, double perTokenNanos, boolean queued) {

  public BackendSpeed {
    Objects.requireNonNull(measured, "measured");
    if (perTokenNanos < 0) {
      throw new IllegalArgumentException("perTokenNanos must not be negative: " + perTokenNanos);
    }
  }

  /** Only what this proxy measured: no engine readings. */
  public static BackendSpeed measured(RequestSpeed measured) {
    return new BackendSpeed(measured, 0, false);
  }

  /** A backend's live signals as they are now. */
  public static BackendSpeed of(EngineSignals signals) {
    return new BackendSpeed(signals.speed(), signals.perTokenNanos(), signals.queuedLately());
  }
}
