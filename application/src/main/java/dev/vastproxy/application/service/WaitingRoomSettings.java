package dev.vastproxy.application.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How the waiting room holds requests that no backend can take now.
 *
 * @param limit how long a request may be held; zero closes the room (answer at once)
 * @param capacity how many requests may be held at once; more are answered at once
 * @param queueLimit queued requests an engine may report before it counts as full; zero never
 *     counts an engine as full
 */
public record WaitingRoomSettings(Duration limit, int capacity, int queueLimit) {
  /** 30 s, 1,000 requests, engines full beyond 64 queued requests. */
  public static final WaitingRoomSettings DEFAULTS =
      new WaitingRoomSettings(Duration.ofSeconds(30), 1000, 64);

  /** The room closed: every request is answered at once, as without one. */
  public static final WaitingRoomSettings CLOSED = new WaitingRoomSettings(Duration.ZERO, 0, 0);

  public WaitingRoomSettings {
    Objects.requireNonNull(limit, "limit");
    if (limit.isNegative() || capacity < 0 || queueLimit < 0) {
      throw new IllegalArgumentException("waiting room settings must not be negative");
    }
  }

  /** Whether requests are held at all. */
  public boolean open() {
    return !limit.isZero() && capacity > 0;
  }
}
