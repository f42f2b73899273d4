package dev.vastproxy.bench.stage;

import java.util.List;

/**
 * Start-up times of one kind of target.
 *
 * @param target its name
 * @param millis spawn to first proxied 200, each run
 * @param rssAfterFirstMib RSS right after the first 200 (last run)
 */
public record StartupResult(String target, List<Double> millis, double rssAfterFirstMib) {
  public StartupResult {
    millis = List.copyOf(millis);
  }
}
