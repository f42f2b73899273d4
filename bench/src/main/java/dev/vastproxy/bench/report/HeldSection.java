package dev.vastproxy.bench.report;

import dev.vastproxy.bench.stage.HeldLevel;

/** The report's held-streams section: memory per open stream, level by level. */
final class HeldSection extends ReportSection {
  HeldSection(ReportText document) {
    super(document, "Held streams: memory per stream");
  }

  @Override
  boolean ran() {
    return !results.held().isEmpty();
  }

  @Override
  void body() {
    line(
        "Streams of "
            + settings.heldEvents()
            + " events "
            + settings.heldDelayMs()
            + " ms apart, opened at "
            + settings.heldConnectsPerSecond()
            + " per second, levels in turn on one freshly started proxy each (vastproxy with `"
            + String.join(" ", settings.jvmFlags())
            + "`)"
            + (settings.streamWarmup()
                ? ", each after one unmeasured warm-up run of "
                    + settings.heldLevels().get(0)
                    + " streams with events "
                    + settings.delayMs()
                    + " ms apart (JIT)"
                : "")
            + ". Memory is read once every stream of the level is open. *Idle* is the RSS right"
            + " after start, *before* what the warm-up and earlier levels left; *per 1k* is (held"
            + " − before) / streams × 1,000, *since start* is (held − idle) / streams × 1,000."
            + " Live heap: `jcmd GC.run` then"
            + " `GC.heap_info` (the full GC pauses the JVM once per reading, which shows in its"
            + " p99.9 only).");
    line();
    MarkdownTable table =
        table(
            "|---|---:|---|---|---:|---:|---|---:|---:|---:|---:|---|---:|",
            "target",
            "streams",
            "all held",
            "RSS idle / before / held MiB",
            "MiB per 1k",
            "since start MiB per 1k",
            "live heap before / held MiB",
            "heap MiB per 1k",
            "errors",
            "incomplete",
            "corrupt",
            "delivery p50 / p99 ms",
            "proxy CPU s");
    for (HeldLevel level : results.held()) {
      boolean jvm = !Double.isNaN(level.heapHeldMib());
      table.row(
          level.target(),
          level.streams(),
          level.allHeld() ? "yes" : "**no**",
          fmt(level.rssIdleMib(), 0)
              + " / "
              + fmt(level.rssBeforeMib(), 0)
              + " / "
              + fmt(level.rssHeldMib(), 0),
          fmt(level.rssPerThousandMib(), 1),
          fmt(level.rssSinceIdlePerThousandMib(), 1),
          jvm ? fmt(level.heapBeforeMib(), 1) + " / " + fmt(level.heapHeldMib(), 1) : NONE,
          jvm ? fmt(level.heapPerThousandMib(), 2) : NONE,
          level.result().errors(),
          level.result().incomplete(),
          level.result().corrupt(),
          fmt(level.result().delivery().p50(), 2) + " / " + fmt(level.result().delivery().p99(), 2),
          fmt(level.use().targetCpuSeconds(), 2));
    }
    line();
  }
}
