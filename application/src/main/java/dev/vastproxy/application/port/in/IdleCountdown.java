package dev.vastproxy.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long an instance has served no request, and when the idle guard acts on it.
 *
 * @param idleSince when its last request ended (or it became healthy, if none since)
 * @param action what happens when the time is up
 * @param due when that happens
 */
public record IdleCountdown(Instant idleSince, IdleAction action, Instant due) {
  public IdleCountdown {
    Objects.requireNonNull(idleSince, "idleSince");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(due, "due");
  }

  /** How long it has been idle at {@code now}; zero if the clock went back. */
  public Duration idleFor(Instant now) {
    Duration idle = Duration.between(idleSince, now);
    return idle.isNegative() ? Duration.ZERO : idle;
  }

  /** How long until the action at {@code now}; zero when due. */
  public Duration remaining(Instant now) {
    Duration left = Duration.between(now, due);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
