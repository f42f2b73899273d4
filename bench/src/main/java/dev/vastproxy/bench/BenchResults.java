package dev.vastproxy.bench;

import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.report.MachineInfo;
import dev.vastproxy.bench.stage.ChaosResult;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stage.Measured;
import dev.vastproxy.bench.stage.StartupResult;
import dev.vastproxy.bench.tool.HeyResult;
import dev.vastproxy.bench.tool.WrkResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured.
 *
 * @param settings how it ran
 * @param machine where it ran
 * @param started when it started
 * @param took how long it took
 * @param notes what was skipped and why, and anything else worth a line in the report
 * @param startup start-up times per proxy
 * @param saturation wrk results per target and round
 * @param fixed hey results per target and round
 * @param streaming SSE results per target and round
 * @param held held-stream levels per proxy
 * @param loadAfter /proc/loadavg at the end
 * @param chaos streams through each target while engines died and came back
 */
public record BenchResults(
    BenchSettings settings,
    MachineInfo machine,
    Instant started,
    Duration took,
    List<String> notes,
    List<StartupResult> startup,
    Map<String, List<Measured<WrkResult>>> saturation,
    Map<String, List<Measured<HeyResult>>> fixed,
    Map<String, List<Measured<SseRunResult>>> streaming,
    List<HeldLevel> held,
    String loadAfter,
    List<ChaosResult> chaos) {
  public BenchResults {
    notes = List.copyOf(notes);
    startup = List.copyOf(startup);
    saturation = ordered(saturation);
    fixed = ordered(fixed);
    streaming = ordered(streaming);
    held = List.copyOf(held);
    chaos = List.copyOf(chaos);
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Streams that did not come through whole, over every streaming run and held level. */
  public int brokenStreams() {
    int broken = 0;
    for (List<Measured<SseRunResult>> runs : streaming.values()) {
      for (Measured<SseRunResult> run : runs) {
        broken += run.result().broken();
      }
    }
    for (HeldLevel level : held) {
      broken += level.result().broken();
    }
    return broken;
  }
}
