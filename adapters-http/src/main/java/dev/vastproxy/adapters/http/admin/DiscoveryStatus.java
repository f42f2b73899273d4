package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.domain.fleet.FleetProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Why discovery is failing, in the status JSON.
 *
 * @param message what is wrong (the domain keeps secrets out of it)
 * @param since when the failures began, ISO-8601
 * @param failures polls failed in a row (a poll still waiting for vast.ai counts)
 * @param authentication whether vast.ai refused the API key
 * @param notAnsweringForSeconds how long the poll under way has waited for vast.ai, while it is not
 *     answering past its timeout; null otherwise
 */
public record DiscoveryStatus(
    String message,
    String since,
    int failures,
    boolean authentication,
    Long notAnsweringForSeconds) {

  public DiscoveryStatus {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(since, "since");
  }

  /** The status of a fleet problem, seen at {@code at}. */
  public static DiscoveryStatus of(FleetProblem problem, Instant at) {
    return new DiscoveryStatus(
        problem.message(),
        problem.since().toString(),
        problem.failures(),
        problem.authentication(),
        problem.unansweredFor(at).map(Duration::toSeconds).orElse(null));
  }
}
