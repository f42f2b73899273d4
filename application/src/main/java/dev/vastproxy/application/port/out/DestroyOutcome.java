package dev.vastproxy.application.port.out;

/** How a destroy request ended. */
public enum DestroyOutcome {
  /** vast.ai destroyed the instance. */
  DESTROYED,
  /** The instance did not exist any more ({@code no_such_instance} / {@code not_found}). */
  ALREADY_GONE
}
