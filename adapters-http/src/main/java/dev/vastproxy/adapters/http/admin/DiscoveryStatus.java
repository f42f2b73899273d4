package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.domain.fleet.FleetProblem;
import java.util.Objects;

/**
 * Why discovery is failing, in the status JSON.
 *
 * @param message what is wrong (the domain keeps secrets out of it)
 * @param since when the failures began, ISO-8601
 * @param failures polls failed in a row
 * @param authentication whether vast.ai refused the API key
 */
public record DiscoveryStatus(String message, String since, int failures, boolean authentication) {

  public DiscoveryStatus {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(since, "since");
  }

  /** The status of a fleet problem. */
  public static DiscoveryStatus of(FleetProblem problem) {
    return new DiscoveryStatus(
        problem.message(),
        problem.since().toString(),
        problem.failures(),
        problem.authentication());
  }
}
