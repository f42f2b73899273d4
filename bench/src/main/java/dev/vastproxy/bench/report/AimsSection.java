package dev.vastproxy.bench.report;

import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stats.Percentiles;
import java.util.List;

/** The report's aims section: each of vastproxy's aims, what this run measured, and whether met. */
final class AimsSection extends ReportSection {
  private MarkdownTable table;

  AimsSection(ReportText document) {
    super(document, "Where vastproxy stands against its aims");
  }

  @Override
  void body() {
    table = table("|---|---|---|", "aim", "measured (same run)", "met");
    double rps = figures.rps(VASTPROXY);
    double nginxRps = figures.rps(NGINX);
    aim(
        "throughput at saturation ≥ nginx's",
        fmt(rps, 0) + " vs " + fmt(nginxRps, 0) + " req/s (" + ratio(rps, nginxRps) + ")",
        rps >= nginxRps);
    addedP99(
        "fixed-load added p99 ≤ nginx's", figures.fixedAdded(VASTPROXY), figures.fixedAdded(NGINX));
    Percentiles ttfb = figures.streaming(VASTPROXY, SseRunResult::ttfb);
    Percentiles ttft = figures.streaming(VASTPROXY, SseRunResult::ttft);
    aim(
        "response headers sent before the first token",
        ttfb == null
            ? NONE
            : "TTFB p50 " + fmt(ttfb.p50(), 2) + " ms, TTFT p50 " + fmt(ttft.p50(), 2) + " ms",
        ttfb != null && ttfb.p99() < ttft.p50());
    addedP99(
        "added TTFT p99 ≤ nginx's",
        figures.streamingAdded(VASTPROXY, SseRunResult::ttft),
        figures.streamingAdded(NGINX, SseRunResult::ttft));
    addedP99(
        "added per-event delivery p99 ≤ nginx's",
        figures.streamingAdded(VASTPROXY, SseRunResult::delivery),
        figures.streamingAdded(NGINX, SseRunResult::delivery));
    heldStreams();
    aim(
        "≥ 99 % of streams complete while engines die and come back",
        ChaosSection.of(results, VASTPROXY)
            .map(c -> fmt(c.completedShare() * 100, 1) + " % of " + c.result().streams())
            .orElse(NONE),
        ChaosSection.of(results, VASTPROXY).map(c -> c.completedShare() >= 0.99).orElse(false));
    line();
  }

  /** An aim that vastproxy adds no more at p99 than nginx does. */
  private void addedP99(String aim, Percentiles added, Percentiles nginx) {
    aim(
        aim,
        added == null || nginx == null
            ? NONE
            : signed(added.p99()) + " vs " + signed(nginx.p99()) + " ms",
        added != null && nginx != null && added.p99() <= nginx.p99());
  }

  private void heldStreams() {
    List<HeldLevel> levels = heldLevels(VASTPROXY);
    double worstRss =
        levels.stream().mapToDouble(HeldLevel::rssSinceIdlePerThousandMib).max().orElse(Double.NaN);
    aim(
        "≤ 16 MiB per 1,000 held streams",
        levels.isEmpty()
            ? NONE
            : "RSS "
                + fmt(worstRss, 1)
                + " MiB per 1k at worst (RSS growth since start); live heap "
                + fmt(levels.stream().mapToDouble(HeldLevel::heapPerThousandMib).max().orElse(0), 1)
                + " MiB per 1k",
        !levels.isEmpty() && worstRss <= 16);
    HeldLevel largest = levels.isEmpty() ? null : levels.get(levels.size() - 1);
    aim(
        "8,000 held streams at -Xmx256m, no errors",
        largest == null
            ? NONE
            : largest.streams()
                + " streams: "
                + largest.result().errors()
                + " errors, "
                + largest.result().incomplete()
                + " incomplete, "
                + largest.result().corrupt()
                + " corrupt",
        largest != null && largest.streams() >= 8000 && largest.result().broken() == 0);
  }

  private void aim(String aim, String measured, boolean met) {
    table.row(aim, measured, measured.equals(NONE) ? NONE : met ? "yes" : "**no**");
  }
}
