package dev.vastproxy.bench.client;

import dev.vastproxy.bench.stats.Percentiles;
import java.time.Duration;
import java.util.List;

/**
 * What one streaming run measured.
 *
 * @param streams how many streams were asked for
 * @param completed streams that ended cleanly with every event, intact
 * @param errors streams that failed: connect or read error, a status other than 200, a timeout
 * @param incomplete streams that ended cleanly but with another number of events, or no [DONE]
 * @param corrupt streams whose bytes differ from the direct reference
 * @param ttfb request start to response headers
 * @param ttft request start to first {@code data:} event
 * @param delivery per token event: arrival minus the backend's send time
 * @param gap time between consecutive token events of a stream
 * @param events token events received
 * @param elapsed wall time of the run
 * @param failures the first few failure messages
 */
public record SseRunResult(
    int streams,
    int completed,
    int errors,
    int incomplete,
    int corrupt,
    Percentiles ttfb,
    Percentiles ttft,
    Percentiles delivery,
    Percentiles gap,
    long events,
    Duration elapsed,
    List<String> failures) {
  public SseRunResult {
    failures = List.copyOf(failures);
  }

  /** Streams that did not come through whole: errors, incomplete and corrupt together. */
  public int broken() {
    return errors + incomplete + corrupt;
  }
}
