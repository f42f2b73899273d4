package dev.vastproxy.domain.backend;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a backend is in its life: {@code DISCOVERED → CONNECTING → HEALTHY ⇄ UNHEALTHY → REMOVING}.
 * Any state but REMOVING may go to REMOVING; REMOVING is final (an instance that comes back is
 * discovered anew).
 */
public enum BackendState {
  /** Listed as running by vast.ai; not probed yet. */
  DISCOVERED,
  /** Being probed; the engine may still be loading. */
  CONNECTING,
  /** Answered its last health check with a model list: takes traffic. */
  HEALTHY,
  /** Was healthy, then failed a health check or a proxied request. */
  UNHEALTHY,
  /** Gone from vast.ai's list: takes no new requests; in-flight ones finish. */
  REMOVING;

  /** Whether a backend in this state may move to the next one. */
  public boolean canTransitionTo(BackendState next) {
    return next != this && successors().contains(next);
  }

  /** The states this one may move to. */
  public Set<BackendState> successors() {
    switch (this) {
      case DISCOVERED:
        return EnumSet.of(CONNECTING, REMOVING);
      case CONNECTING:
        return EnumSet.of(HEALTHY, REMOVING);
      case HEALTHY:
        return EnumSet.of(UNHEALTHY, REMOVING);
      case UNHEALTHY:
        return EnumSet.of(HEALTHY, REMOVING);
      default:
        return EnumSet.noneOf(BackendState.class);
    }
  }
}
