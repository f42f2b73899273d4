package dev.vastproxy.bench.report;

import dev.vastproxy.bench.stage.StartupResult;
import dev.vastproxy.bench.stats.Median;
import java.util.ArrayList;
import java.util.List;

/** The report's start-up section: from spawning each target to its first proxied 200. */
final class StartupSection extends ReportSection {
  StartupSection(ReportText document) {
    super(document, "Start-up: spawn to first proxied 200");
  }

  @Override
  boolean ran() {
    return !results.startup().isEmpty();
  }

  @Override
  void body() {
    line(
        "From spawning the process to the first 200 answer to a chat request through it (an open"
            + " port is not enough: vastproxy must also discover the backends through the fake"
            + " vast.ai API and see them healthy), polling every 2 ms. `vastproxy + AppCDS` starts"
            + " with a class-data-sharing archive (`-XX:SharedArchiveFile`) written by one"
            + " training start with `-XX:ArchiveClassesAtExit`.");
    line();
    MarkdownTable table =
        table(
            "|---|---:|---|---:|",
            "target",
            "median ms",
            "runs ms",
            "RSS after the first answer MiB");
    for (StartupResult result : results.startup()) {
      List<String> runs = new ArrayList<>();
      result.millis().forEach(ms -> runs.add(fmt(ms, 0)));
      table.row(
          result.target(),
          fmt(Median.of(result.millis().stream().mapToDouble(Double::doubleValue).toArray()), 0),
          String.join(", ", runs),
          fmt(result.rssAfterFirstMib(), 0));
    }
    line();
  }
}
