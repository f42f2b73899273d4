package dev.vastproxy.application.port.in;

import java.time.Duration;
import java.util.Optional;

/**
 * Use case: the waiting room. A request that no backend can take now (none healthy for its model,
 * or all of them reporting full queues) is held instead of failed, and woken when a backend may
 * take it, until its time is up.
 */
public interface HoldRequestUseCase {

  /**
   * Holds a request; lock-free, called on the request path. {@code wake} runs at most once, on a
   * fleet or timer thread, when a backend may take the request now: it must return at once (hand
   * the work to the request's own thread) and route the request again, which may hold it again.
   *
   * @param model the model the request names, if any
   * @param reason why its route went nowhere
   * @param wake what to run when a backend may take it
   * @return its place, to leave when the request is routed, timed out or abandoned; empty when the
   *     room is closed or full (answer at once)
   */
  Optional<HeldRequest> hold(Optional<String> model, HoldReason reason, Runnable wake);

  /** How long a request may be held in all; zero when the room is closed. */
  Duration limit();

  /** Why a request is held. */
  enum HoldReason {
    /** No healthy backend serves its model (or none is healthy at all). */
    UNAVAILABLE,
    /** Every backend that could take it reports a queue over the limit. */
    OVERLOADED
  }

  /** A held request's place in the room. */
  @FunctionalInterface
  interface HeldRequest {
    /** Frees the place at once; it will not be woken. Leaving again does nothing. */
    void leave();
  }

  /** A room that holds nothing: every request is answered at once. */
  HoldRequestUseCase CLOSED =
      new HoldRequestUseCase() {
        @Override
        public Optional<HeldRequest> hold(
            Optional<String> model, HoldReason reason, Runnable wake) {
          return Optional.empty();
        }

        @Override
        public Duration limit() {
          return Duration.ZERO;
        }
      };
}
