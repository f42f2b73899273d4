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
 * @param held requests held in the waiting room now (no backend could take them yet)
 * @param rescues requests and streams whose instance failed them, and what became of them, since
 *     start
 */
public record TrafficSummary(
    double requestsPerSecond,
    long recentRequests,
    long recentSticky,
    int inFlight,
    int held,
    RescueCounts rescues) {

  public TrafficSummary {
    Objects.requireNonNull(rescues, "rescues");
  }

  /** Figures with nothing held and nothing rescued. */
  public TrafficSummary(
      double requestsPerSecond, long recentRequests, long recentSticky, int inFlight) {
    this(requestsPerSecond, recentRequests, recentSticky, inFlight, 0, RescueCounts.NONE);
  }

  /** Figures with nothing rescued. */
  public TrafficSummary(
      double requestsPerSecond, long recentRequests, long recentSticky, int inFlight, int held) {
    this(requestsPerSecond, recentRequests, recentSticky, inFlight, held, RescueCounts.NONE);
  }

  /** Figures with nothing held. */
  public TrafficSummary(
      double requestsPerSecond,
      long recentRequests,
      long recentSticky,
      int inFlight,
      RescueCounts rescues) {
    this(requestsPerSecond, recentRequests, recentSticky, inFlight, 0, rescues);
  }

  /** These figures with {@code count} requests held. */
  public TrafficSummary withHeld(int count) {
    return new TrafficSummary(
        requestsPerSecond, recentRequests, recentSticky, inFlight, count, rescues);
  }

  /** The share of recent requests that were sticky; empty before any request was seen. */
  public OptionalDouble stickyShare() {
    return recentRequests == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) recentSticky / recentRequests);
  }
}
