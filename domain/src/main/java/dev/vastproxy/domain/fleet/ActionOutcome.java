package dev.vastproxy.domain.fleet;

import java.util.Objects;

/**
 * How a fleet action on one instance ended.
 *
 * @param success whether it did what was asked
 * @param message what happened, readable by a user, without secrets
 */
public record ActionOutcome(boolean success, String message) {
  public ActionOutcome {
    Objects.requireNonNull(message, "message");
  }

  /** A success. */
  public static ActionOutcome ok(String message) {
    return new ActionOutcome(true, message);
  }

  /** A failure. */
  public static ActionOutcome failed(String message) {
    return new ActionOutcome(false, message);
  }
}
