package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.BenchSettings;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.proc.ResourceUse;
import dev.vastproxy.bench.stage.ChaosResult;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stage.Measured;
import dev.vastproxy.bench.stage.StartupResult;
import dev.vastproxy.bench.stats.Percentiles;
import dev.vastproxy.bench.tool.HeyResult;
import dev.vastproxy.bench.tool.WrkResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Made-up results of a whole run, for the report's tests. */
final class SampleResults {
  private SampleResults() {}

  static ResourceUse use(double cpu) {
    return new ResourceUse(10, cpu, 50, 2, 0.1, 0.3, OptionalDouble.empty());
  }

  /** What a JVM proxy used, which also tells the heap it allocated. */
  static ResourceUse jvm(double cpu) {
    return new ResourceUse(10, cpu, 50, 2, 0.1, 0.3, OptionalDouble.of(cpu * 2e8));
  }

  static SseRunResult stream(double ttft, double delivery, int broken) {
    return new SseRunResult(
        1000,
        1000 - broken,
        broken,
        0,
        0,
        new Percentiles(ttft - 50, ttft - 45, ttft - 40, 1000),
        new Percentiles(ttft, ttft + 5, ttft + 10, 1000),
        new Percentiles(delivery, delivery * 4, delivery * 8, 100_000),
        new Percentiles(50, 52, 55, 99_000),
        100_000,
        Duration.ofSeconds(6),
        broken == 0 ? List.of() : List.of("HTTP 502"));
  }

  /** A smoke run in which no stage ran, on the same machine as {@link #full()}. */
  static BenchResults nothingRan() {
    return new BenchResults(
        BenchSettings.smoke(Path.of("x.jar"), Path.of("w")),
        full().machine(),
        Instant.EPOCH,
        Duration.ofSeconds(30),
        List.of(),
        List.of(),
        Map.of(),
        Map.of(),
        Map.of(),
        List.of(),
        "0 0 0",
        List.of());
  }

  /** direct, nginx, haproxy, vastproxy (and its unpeeked and p2c variants). */
  static BenchResults full() {
    Map<String, List<Measured<WrkResult>>> saturation = new LinkedHashMap<>();
    saturation.put(
        "direct", List.of(new Measured<>(new WrkResult(30000, 300000, 0.5, 2, 0), use(0))));
    saturation.put(
        "nginx", List.of(new Measured<>(new WrkResult(15000, 150000, 1.0, 3, 0), use(3))));
    saturation.put(
        "vastproxy", List.of(new Measured<>(new WrkResult(12000, 120000, 1.2, 4, 1), jvm(4))));
    Map<String, List<Measured<HeyResult>>> fixed = new LinkedHashMap<>();
    fixed.put(
        "direct",
        List.of(new Measured<>(new HeyResult(new Percentiles(0.5, 1, 2, 9), 2000, 0), use(0))));
    fixed.put(
        "nginx",
        List.of(new Measured<>(new HeyResult(new Percentiles(0.7, 1.5, 3, 9), 2000, 0), use(0.5))));
    fixed.put(
        "vastproxy",
        List.of(new Measured<>(new HeyResult(new Percentiles(0.8, 1.4, 3, 9), 2000, 0), use(0.7))));
    fixed.put(
        "vastproxy (not peeked)",
        List.of(
            new Measured<>(new HeyResult(new Percentiles(0.75, 1.3, 3, 9), 2000, 0), use(0.6))));
    Map<String, List<Measured<SseRunResult>>> streaming = new LinkedHashMap<>();
    streaming.put("direct", List.of(new Measured<>(stream(51, 0.1, 0), use(0))));
    streaming.put("nginx", List.of(new Measured<>(stream(51.5, 0.6, 0), use(1.3))));
    streaming.put("haproxy", List.of(new Measured<>(stream(51.3, 0.4, 0), use(1.2))));
    streaming.put("vastproxy", List.of(new Measured<>(stream(52, 0.3, 0), jvm(2))));
    streaming.put("vastproxy p2c", List.of(new Measured<>(stream(53, 0.5, 2), use(2.1))));
    List<HeldLevel> held =
        List.of(
            new HeldLevel(
                "nginx",
                1000,
                20,
                20,
                35,
                Double.NaN,
                Double.NaN,
                true,
                stream(51, 0.2, 0),
                use(0.3)),
            new HeldLevel(
                "vastproxy", 1000, 90, 100, 110, 10, 14, true, stream(51, 0.2, 0), use(0.5)),
            new HeldLevel(
                "vastproxy", 8000, 90, 110, 200, 14, 40, true, stream(51, 0.2, 0), use(2)));
    List<StartupResult> startup =
        List.of(
            new StartupResult("nginx", List.of(10.0, 9.0, 11.0), 18),
            new StartupResult("vastproxy", List.of(900.0, 950.0, 1000.0), 120));
    return new BenchResults(
        BenchSettings.full(Path.of("x.jar"), Path.of("work"), 1),
        new MachineInfo(
            "Test CPU",
            2,
            4096,
            "6.0",
            "OpenJDK 17",
            "nginx/1.22",
            "HAProxy 2.6",
            "wrk 4",
            "installed",
            "soft 20000, hard 20000",
            "0.10 0.20 0.30 1/100 42"),
        Instant.parse("2026-01-02T03:04:05Z"),
        Duration.ofSeconds(1500),
        List.of("skipped something: because"),
        startup,
        saturation,
        fixed,
        streaming,
        held,
        "0.50 0.40 0.30 1/100 43",
        List.of(
            new ChaosResult("nginx", stream(51, 0.2, 300), 31),
            new ChaosResult("vastproxy", stream(51, 0.2, 5), 31)));
  }
}
