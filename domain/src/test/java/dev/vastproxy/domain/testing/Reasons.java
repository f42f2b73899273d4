package dev.vastproxy.domain.testing;

import dev.vastproxy.domain.backend.StateReason;

/** State reasons for tests that need one but do not look at it. */
public final class Reasons {
  /** A failed health check. */
  public static final StateReason FAILED =
      StateReason.of(StateReason.Cause.PROBE_STATUS, "HTTP 500");

  /** Left vast.ai's list. */
  public static final StateReason GONE = StateReason.of(StateReason.Cause.GONE, "not listed");

  private Reasons() {}
}
