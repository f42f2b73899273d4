package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.backend.RescueCounts;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Request figures for the dashboard and the status API.
 *
 * @param requestsPerSecond requests routed per second, averaged over the last few seconds
 * @param recentRequests requests routed in the last five minutes
 * @param recentSticky of those, the ones that carried the sticky header
 * @param inFlight requests being served now, across the fleet
 * @param rescues requests and streams whose instance failed them, and what became of them, since
 *     start
 */
public record TrafficSummary(
    double requestsPerSecond,
    long recentRequests,
    long recentSticky,
    int inFlight,
    RescueCounts rescues) {

  public TrafficSummary {
    Objects.requireNonNull(rescues, "rescues");
  }

  /** Figures of a fleet that rescued nothing. */
  public TrafficSummary(
      double requestsPerSecond, long recentRequests, long recentSticky, int inFlight) {
    this(requestsPerSecond, recentRequests, recentSticky, inFlight, RescueCounts.NONE);
  }

  /** The share of recent requests that were sticky; empty before any request was seen. */
  public OptionalDouble stickyShare() {
    return recentRequests == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) recentSticky / recentRequests);
  }
}
