package dev.vastproxy.domain.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the fleet may be out of date: discovery is failing. The last known fleet stays in use.
 *
 * @param message what is wrong, readable by a user, without secrets
 * @param since when the failures began
 * @param failures how many polls in a row failed (a poll that has no answer yet counts)
 * @param authentication whether vast.ai refused the API key
 * @param unansweredSince when the poll under way began, while vast.ai is not answering it; empty
 *     once the poll has ended
 */
public record FleetProblem(
    String message,
    Instant since,
    int failures,
    boolean authentication,
    Optional<Instant> unansweredSince) {
  public FleetProblem {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(unansweredSince, "unansweredSince");
    if (failures < 1) {
      throw new IllegalArgumentException("a problem needs at least one failure");
    }
  }

  /** A problem of polls that ended (in failure). */
  public FleetProblem(String message, Instant since, int failures, boolean authentication) {
    this(message, since, failures, authentication, Optional.empty());
  }

  /**
   * How long the poll under way has waited for vast.ai at {@code now}, while it is not answering.
   */
  public Optional<Duration> unansweredFor(Instant now) {
    return unansweredSince.map(
        start -> now.isAfter(start) ? Duration.between(start, now) : Duration.ZERO);
  }
}
