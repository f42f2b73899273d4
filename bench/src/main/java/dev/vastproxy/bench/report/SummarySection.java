package dev.vastproxy.bench.report;

import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.stage.FixedLoadStage;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stats.Median;
import dev.vastproxy.bench.stats.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The report's summary: one row per target with the headline figure of every stage. */
final class SummarySection extends ReportSection {
  SummarySection(ReportText document) {
    super(document, "Summary");
  }

  @Override
  void body() {
    MarkdownTable table =
        table(
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            "target",
            "req/s at saturation",
            "× direct",
            "× nginx",
            "CPU µs/req",
            "× nginx",
            "fixed load: added p50 / p99 ms",
            "p99 × nginx",
            "SSE: added TTFB p50 ms",
            "added TTFT p50 / p99 ms",
            "p99 × nginx",
            "added delivery p50 / p99 / p99.9 ms",
            "p99 × nginx",
            "broken streams",
            "held streams: RSS / heap MiB per 1k",
            "start-up ms");
    for (String target : targets()) {
      boolean direct = target.equals(Figures.DIRECT);
      double rps = figures.rps(target);
      double cpu = figures.cpuMicrosPerRequest(target);
      Percentiles fixedAdded = figures.fixedAdded(target);
      Percentiles ttfb = figures.streamingAdded(target, SseRunResult::ttfb);
      Percentiles ttft = figures.streamingAdded(target, SseRunResult::ttft);
      Percentiles delivery = figures.streamingAdded(target, SseRunResult::delivery);
      int[] broken = figures.streamingBroken(target);
      table.row(
          target,
          fmt(rps, 0),
          ratio(rps, figures.rps(Figures.DIRECT)),
          ratio(rps, figures.rps(NGINX)),
          direct ? NONE : fmt(cpu, 1),
          direct ? NONE : ratio(cpu, figures.cpuMicrosPerRequest(NGINX)),
          direct || fixedAdded == null ? NONE : signedPair(fixedAdded),
          direct ? NONE : addedRatio(fixedAdded, figures.fixedAdded(NGINX), Percentiles::p99),
          direct || ttfb == null ? NONE : signed(ttfb.p50()),
          direct || ttft == null ? NONE : signedPair(ttft),
          direct
              ? NONE
              : addedRatio(
                  ttft, figures.streamingAdded(NGINX, SseRunResult::ttft), Percentiles::p99),
          direct || delivery == null ? NONE : signedTriple(delivery),
          direct
              ? NONE
              : addedRatio(
                  delivery,
                  figures.streamingAdded(NGINX, SseRunResult::delivery),
                  Percentiles::p99),
          results.streaming().containsKey(target)
              ? Integer.toString(broken[0] + broken[1] + broken[2])
              : NONE,
          heldSummary(target),
          startupMedian(target));
    }
    line();
    line(
        "Added figures are in ms against direct; `× nginx` divides the added figure by nginx's"
            + " (below 1 is better); `—` where there is nothing to compare. Held streams: at the"
            + " largest level, RSS growth since start and live-heap growth (after a full GC; JVM"
            + " only) per 1,000 streams. Details and definitions below.");
    line();
  }

  /**
   * Every target that ran any stage, direct first; the unpeeked variant is no target of its own.
   */
  private List<String> targets() {
    Set<String> names = new LinkedHashSet<>();
    names.add(Figures.DIRECT);
    names.addAll(results.saturation().keySet());
    names.addAll(results.streaming().keySet());
    names.addAll(results.fixed().keySet());
    results.held().forEach(level -> names.add(level.target()));
    results.startup().forEach(result -> names.add(result.target()));
    names.remove(VASTPROXY + FixedLoadStage.UNPEEKED);
    return new ArrayList<>(names);
  }

  private String heldSummary(String target) {
    List<HeldLevel> levels = heldLevels(target);
    if (levels.isEmpty()) {
      return NONE;
    }
    HeldLevel last = levels.get(levels.size() - 1);
    String heap = Double.isNaN(last.heapHeldMib()) ? "" : " / " + fmt(last.heapPerThousandMib(), 2);
    return fmt(last.rssSinceIdlePerThousandMib(), 1) + heap + " (" + last.streams() + ")";
  }

  private String startupMedian(String target) {
    return results.startup().stream()
        .filter(result -> result.target().equals(target))
        .findFirst()
        .map(
            result ->
                fmt(
                    Median.of(result.millis().stream().mapToDouble(Double::doubleValue).toArray()),
                    0))
        .orElse(NONE);
  }
}
