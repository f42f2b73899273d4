package dev.vastproxy.application.port.in;

import java.util.OptionalDouble;

/**
 * Request figures for the dashboard and the status API.
 *
 * @param requestsPerSecond requests routed per second, averaged over the last few seconds
 * @param recentRequests requests routed in the last five minutes
 * @param recentSticky of those, the ones that carried the sticky header
 * @param inFlight requests being served now, across the fleet
 * @param held requests held in the waiting room now (no backend could take them yet)
 */
public record TrafficSummary(
    double requestsPerSecond, long recentRequests, long recentSticky, int inFlight, int held) {

  /** Figures with nothing held. */
  public TrafficSummary(
      double requestsPerSecond, long recentRequests, long recentSticky, int inFlight) {
    this(requestsPerSecond, recentRequests, recentSticky, inFlight, 0);
  }

  /** These figures with {@code count} requests held. */
  public TrafficSummary withHeld(int count) {
    return new TrafficSummary(requestsPerSecond, recentRequests, recentSticky, inFlight, count);
  }

  /** The share of recent requests that were sticky; empty before any request was seen. */
  public OptionalDouble stickyShare() {
    return recentRequests == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) recentSticky / recentRequests);
  }
}
