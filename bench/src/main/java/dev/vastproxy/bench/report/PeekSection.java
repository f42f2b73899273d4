package dev.vastproxy.bench.report;

import dev.vastproxy.bench.stage.FixedLoadStage;
import dev.vastproxy.bench.stats.Percentiles;

/** The report's section on what reading the body for its model costs vastproxy. */
final class PeekSection extends ReportSection {
  private static final String UNPEEKED = VASTPROXY + FixedLoadStage.UNPEEKED;

  PeekSection(ReportText document) {
    super(document, "What peeking at the model costs");
  }

  @Override
  boolean ran() {
    return results.fixed().containsKey(UNPEEKED) && results.fixed().containsKey(VASTPROXY);
  }

  @Override
  void body() {
    Percentiles peeked = figures.fixedAdded(VASTPROXY);
    Percentiles plain = figures.fixedAdded(UNPEEKED);
    line(
        "The fixed-load POST sent to vastproxy twice in the same rounds: with `Content-Type:"
            + " application/json` (the proxy reads the body, finds `model` and routes by it) and"
            + " with `Content-Type: text/plain` (not read: streamed through as is).");
    line();
    MarkdownTable table = table("|---|---:|---:|", "vastproxy", "added p50 ms", "added p99 ms");
    table.row("JSON, model peeked", signed(peeked.p50()), signed(peeked.p99()));
    table.row("not peeked", signed(plain.p50()), signed(plain.p99()));
    table.row(
        "**cost of peeking**",
        signed(peeked.p50() - plain.p50()),
        signed(peeked.p99() - plain.p99()));
    line();
  }
}
