package dev.vastproxy.bench.report;

import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.stats.Percentiles;

/** The report's streaming section: SSE streams through each target, timed and checked. */
final class StreamingSection extends ReportSection {
  StreamingSection(ReportText document) {
    super(document, "Streaming: SSE through each target");
  }

  @Override
  boolean ran() {
    return !results.streaming().isEmpty();
  }

  @Override
  void body() {
    line(
        settings.streams()
            + " concurrent streams (started over "
            + settings.ramp().toMillis()
            + " ms) × "
            + settings.events()
            + " events, "
            + settings.delayMs()
            + " ms apart, backend time to first token "
            + settings.ttftMs()
            + " ms; "
            + (settings.streamWarmup()
                ? "unmeasured warm-up runs per target at this concurrency, one for nginx and"
                    + " HAProxy, and for a JVM as many (up to six) as it takes for the JIT compiler"
                    + " to take under 5 % of its CPU in the last. "
                : "")
            + "Each event carries the backend's `System.nanoTime()` at send; the client (one java.nio"
            + " thread) records its arrival, so *delivery* is one-way latency on one clock. Every"
            + " stream is checked byte for byte against a direct reference (ids and timestamps"
            + " aside).");
    line();
    rows();
    line();
    line(
        "TTFB is request start → response headers; TTFT → first `data:` event; gap is the time"
            + " between consecutive events of a stream (nominally "
            + settings.delayMs()
            + " ms). µs per event: proxy CPU per forwarded event ("
            + settings.events()
            + " tokens + final chunk + `[DONE]` per stream). Harness CPU is the load client plus"
            + " the mock backends.");
    line();
  }

  private void rows() {
    MarkdownTable table =
        table(
            "|---|---:|---:|---:|---|---|---|---|---:|---:|---|---|---:|---|---:|---:|---:|---:|",
            "target",
            "errors",
            "incomplete",
            "corrupt",
            "TTFB p50 / p99 ms",
            "TTFT p50 / p99 ms",
            "added TTFB p50 / p99",
            "added TTFT p50 / p99",
            "TTFT p99 × direct",
            "added TTFT p99 × nginx",
            "delivery p50 / p99 / p99.9 ms",
            "added delivery p50 / p99 / p99.9",
            "added p99 × nginx",
            "gap p50 / p99 ms",
            "proxy CPU s",
            "µs per event",
            "heap B/event",
            "peak RSS MiB",
            "harness CPU s");
    Percentiles directTtft = figures.streaming(Figures.DIRECT, SseRunResult::ttft);
    long eventsPerRun = (long) settings.streams() * (settings.events() + 2);
    for (String target : results.streaming().keySet()) {
      boolean direct = target.equals(Figures.DIRECT);
      int[] broken = figures.streamingBroken(target);
      Percentiles ttft = figures.streaming(target, SseRunResult::ttft);
      Percentiles addedTtft = figures.streamingAdded(target, SseRunResult::ttft);
      Percentiles addedDelivery = figures.streamingAdded(target, SseRunResult::delivery);
      double cpu = figures.streamingCpu(target);
      table.row(
          target,
          broken[0],
          broken[1],
          broken[2],
          pair(figures.streaming(target, SseRunResult::ttfb)),
          pair(ttft),
          direct ? NONE : signedPair(figures.streamingAdded(target, SseRunResult::ttfb)),
          direct ? NONE : signedPair(addedTtft),
          ratio(ttft.p99(), directTtft.p99()),
          direct
              ? NONE
              : addedRatio(
                  addedTtft, figures.streamingAdded(NGINX, SseRunResult::ttft), Percentiles::p99),
          triple(figures.streaming(target, SseRunResult::delivery)),
          direct ? NONE : signedTriple(addedDelivery),
          direct
              ? NONE
              : addedRatio(
                  addedDelivery,
                  figures.streamingAdded(NGINX, SseRunResult::delivery),
                  Percentiles::p99),
          pair(figures.streaming(target, SseRunResult::gap)),
          direct ? NONE : fmt(cpu, 2),
          direct ? NONE : fmt(cpu * 1e6 / eventsPerRun, 1),
          fmt(figures.allocatedPerEvent(target, eventsPerRun), 0),
          direct ? NONE : fmt(Figures.peakRss(results.streaming(), target), 0),
          fmt(figures.streamingHarnessCpu(target), 2));
    }
  }
}
