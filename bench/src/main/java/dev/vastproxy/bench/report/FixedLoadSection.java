package dev.vastproxy.bench.report;

import dev.vastproxy.bench.stats.Percentiles;

/** The report's fixed-load section: the latency each target adds below saturation (hey). */
final class FixedLoadSection extends ReportSection {
  FixedLoadSection(ReportText document) {
    super(document, "Fixed load below saturation: added latency (hey)");
  }

  @Override
  boolean ran() {
    return !results.fixed().isEmpty();
  }

  @Override
  void body() {
    line(
        "`hey -z "
            + settings.heyDuration().toSeconds()
            + "s -c "
            + settings.heyWorkers()
            + " -q "
            + Math.max(1, settings.heyRate() / settings.heyWorkers())
            + "` ("
            + settings.heyRate()
            + " requests/s offered in all), the same POST. hey reports each latency to 0.1 ms, so"
            + " differences below that are noise.");
    line();
    MarkdownTable table =
        table(
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            "target",
            "achieved req/s",
            "p50 ms",
            "p99 ms",
            "p99.9 ms",
            "added p50 ms",
            "added p99 ms",
            "p99 × direct",
            "added p99 × nginx",
            "proxy cores per 1k req/s",
            "× nginx");
    Percentiles directLatency = figures.fixedLatency(Figures.DIRECT);
    for (String target : results.fixed().keySet()) {
      boolean direct = target.equals(Figures.DIRECT);
      Percentiles latency = figures.fixedLatency(target);
      Percentiles added = figures.fixedAdded(target);
      double cores = figures.fixedCoresPerThousand(target);
      table.row(
          target,
          fmt(figures.fixedRate(target), 0),
          fmt(latency.p50(), 2),
          fmt(latency.p99(), 2),
          fmt(latency.p999(), 2),
          direct ? NONE : signed(added.p50()),
          direct ? NONE : signed(added.p99()),
          ratio(latency.p99(), directLatency == null ? Double.NaN : directLatency.p99()),
          direct ? NONE : addedRatio(added, figures.fixedAdded(NGINX), Percentiles::p99),
          direct ? NONE : fmt(cores, 3),
          direct ? NONE : ratio(cores, figures.fixedCoresPerThousand(NGINX)));
    }
    line();
  }
}
