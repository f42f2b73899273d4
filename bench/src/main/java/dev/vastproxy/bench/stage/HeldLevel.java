package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.proc.ResourceUse;

/**
 * One level of the held-streams test: memory before and with the streams held.
 *
 * @param target the target's name
 * @param streams how many streams were held at once
 * @param rssIdleMib the proxy's RSS right after it started, before any load
 * @param rssBeforeMib the proxy's RSS before the level (what earlier levels left)
 * @param rssHeldMib its RSS with every stream held
 * @param heapBeforeMib heap in use after a full GC before the level; NaN for non-JVM proxies
 * @param heapHeldMib heap in use after a full GC with every stream held; NaN for non-JVM proxies
 * @param allHeld whether every stream was open at once when memory was read
 * @param result what the streams measured
 * @param use CPU and memory over the level
 */
public record HeldLevel(
    String target,
    int streams,
    double rssIdleMib,
    double rssBeforeMib,
    double rssHeldMib,
    double heapBeforeMib,
    double heapHeldMib,
    boolean allHeld,
    SseRunResult result,
    ResourceUse use) {
  /** RSS growth per 1,000 streams over this level. */
  public double rssPerThousandMib() {
    return (rssHeldMib - rssBeforeMib) / streams * 1000;
  }

  /** RSS growth since the proxy started, per 1,000 streams of this level. */
  public double rssSinceIdlePerThousandMib() {
    return (rssHeldMib - rssIdleMib) / streams * 1000;
  }

  /** Live heap growth per 1,000 streams; NaN for non-JVM proxies. */
  public double heapPerThousandMib() {
    return (heapHeldMib - heapBeforeMib) / streams * 1000;
  }
}
