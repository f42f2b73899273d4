package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.domain.backend.Backend;

/**
 * Counts one request in flight on the backend it is with: once per backend however many tries it
 * makes there, moved when the request moves, and let go exactly once.
 */
final class InFlightLease {
  private Backend held;

  /** The request is now with {@code backend}. */
  void moveTo(Backend backend) {
    if (held == null || !held.id().equals(backend.id())) {
      release();
      held = backend;
      backend.load().begin();
    }
  }

  /** The request is with no backend any more. */
  void release() {
    if (held != null) {
      held.load().end();
      held = null;
    }
  }
}
