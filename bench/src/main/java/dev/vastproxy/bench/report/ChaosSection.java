package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.stage.ChaosResult;
import dev.vastproxy.bench.stage.ChaosStage;
import java.util.Optional;

/** The report's chaos section: streams through each target while engines die and come back. */
final class ChaosSection extends ReportSection {
  ChaosSection(ReportText document) {
    super(document, "Chaos: streams while engines die and come back");
  }

  /** vastproxy's chaos result, if the stage ran. */
  static Optional<ChaosResult> of(BenchResults results, String target) {
    return results.chaos().stream().filter(r -> r.target().equals(target)).findFirst();
  }

  @Override
  boolean ran() {
    return !results.chaos().isEmpty();
  }

  @Override
  void body() {
    line(
        results.settings().chaosStreams()
            + " chat streams of "
            + ChaosStage.TOKENS
            + " tokens (`max_tokens` in the body) opened over "
            + results.settings().chaosRamp().toSeconds()
            + " s through each target, in front of 3 engines of its own that die mid-stream"
            + " (every connection closed, the port refused) and come back on the same port at"
            + " random: each engine up for 2 to 6 s, then down for 0.5 to 2.5 s, one dying only"
            + " when the others have been up for 2 s (instances fail one by one, not all at once),"
            + " from one seed, so every target faces the same schedule. A stream *completes*"
            + " when the client got the whole text once, one `[DONE]` and no error, byte for byte"
            + " as a direct stream (ids and send times aside). nginx can only retry before the"
            + " first byte; vastproxy resumes a broken stream on another engine.");
    line();
    MarkdownTable table =
        table(
            "|---|---:|---:|---:|---:|---:|---:|---:|---|",
            "target",
            "streams",
            "complete",
            "share",
            "cut or error event",
            "incomplete",
            "corrupt",
            "engine crashes",
            "first failures");
    for (ChaosResult chaos : results.chaos()) {
      SseRunResult result = chaos.result();
      table.row(
          chaos.target(),
          result.streams(),
          result.completed(),
          fmt(chaos.completedShare() * 100, 1) + " %",
          result.errors(),
          result.incomplete(),
          result.corrupt(),
          chaos.crashes(),
          String.join("; ", result.failures().subList(0, Math.min(2, result.failures().size())))
              .replace("|", "/"));
    }
    line();
  }
}
