package dev.vastproxy.domain.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * Why the fleet may be out of date: discovery is failing. The last known fleet stays in use.
 *
 * @param message what is wrong, readable by a user, without secrets
 * @param since when the failures began
 * @param failures how many polls in a row failed
 * @param authentication whether vast.ai refused the API key
 */
public record FleetProblem(String message, Instant since, int failures, boolean authentication) {
  public FleetProblem {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(since, "since");
    if (failures < 1) {
      throw new IllegalArgumentException("a problem needs at least one failure");
    }
  }
}
