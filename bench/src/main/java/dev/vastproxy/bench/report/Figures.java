package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.stage.Measured;
import dev.vastproxy.bench.stats.Median;
import dev.vastproxy.bench.stats.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The numbers the report prints, each the median over rounds; "added" figures are taken against
 * direct within each round first, then the median is taken.
 */
public final class Figures {
  /** The baseline every proxy is compared with. */
  public static final String DIRECT = "direct";

  private final BenchResults results;

  public Figures(BenchResults results) {
    this.results = results;
  }

  /** Median throughput at saturation. */
  public double rps(String target) {
    return median(results.saturation(), target, run -> run.result().requestsPerSecond());
  }

  /** Median proxy CPU per request at saturation, in microseconds. */
  public double cpuMicrosPerRequest(String target) {
    return median(
        results.saturation(),
        target,
        run -> run.use().targetCpuSeconds() * 1e6 / Math.max(1, run.result().requests()));
  }

  /** Median heap the proxy allocated per request at saturation, in bytes; NaN where untold. */
  public double allocatedPerRequest(String target) {
    return median(
        results.saturation(),
        target,
        run ->
            run.use().allocatedBytes().orElse(Double.NaN) / Math.max(1, run.result().requests()));
  }

  /** Median heap the proxy allocated per streamed event, in bytes; NaN where untold. */
  public double allocatedPerEvent(String target, long eventsPerRun) {
    return median(
        results.streaming(),
        target,
        run -> run.use().allocatedBytes().orElse(Double.NaN) / Math.max(1, eventsPerRun));
  }

  /** Median proxy CPU at saturation, in cores. */
  public double saturationCores(String target) {
    return median(
        results.saturation(), target, run -> run.use().targetCpuSeconds() / run.use().seconds());
  }

  /** Median p50 or p99 latency of wrk. */
  public double wrkLatency(String target, boolean p99) {
    return median(
        results.saturation(),
        target,
        run -> p99 ? run.result().p99Millis() : run.result().p50Millis());
  }

  /** Median peak RSS in a stage. */
  public static <R> double peakRss(Map<String, List<Measured<R>>> stage, String target) {
    return median(stage, target, run -> run.use().targetPeakRssMib());
  }

  /** Median fixed-load latency percentiles. */
  public Percentiles fixedLatency(String target) {
    return medianPercentiles(results.fixed(), target, run -> run.result().latency());
  }

  /** Median fixed-load latency added to direct's in the same round. */
  public Percentiles fixedAdded(String target) {
    return addedPercentiles(results.fixed(), target, run -> run.result().latency());
  }

  /** Median achieved fixed-load rate. */
  public double fixedRate(String target) {
    return median(results.fixed(), target, run -> run.result().requestsPerSecond());
  }

  /** Median proxy CPU per 1,000 requests/s at the fixed load, in cores. */
  public double fixedCoresPerThousand(String target) {
    return median(
        results.fixed(),
        target,
        run ->
            run.use().targetCpuSeconds()
                / run.use().seconds()
                / Math.max(1e-9, run.result().requestsPerSecond() / 1000));
  }

  /** Median streaming percentiles of one metric. */
  public Percentiles streaming(String target, Function<SseRunResult, Percentiles> metric) {
    return medianPercentiles(results.streaming(), target, run -> metric.apply(run.result()));
  }

  /** Median streaming percentiles of one metric, added to direct's in the same round. */
  public Percentiles streamingAdded(String target, Function<SseRunResult, Percentiles> metric) {
    return addedPercentiles(results.streaming(), target, run -> metric.apply(run.result()));
  }

  /** Streams broken over every round: errors, incomplete, corrupt. */
  public int[] streamingBroken(String target) {
    int[] broken = new int[3];
    for (Measured<SseRunResult> run : results.streaming().getOrDefault(target, List.of())) {
      broken[0] += run.result().errors();
      broken[1] += run.result().incomplete();
      broken[2] += run.result().corrupt();
    }
    return broken;
  }

  /** Median proxy CPU seconds of one streaming run. */
  public double streamingCpu(String target) {
    return median(results.streaming(), target, run -> run.use().targetCpuSeconds());
  }

  /** Median harness (client + backend) CPU seconds of one streaming run. */
  public double streamingHarnessCpu(String target) {
    return median(results.streaming(), target, run -> run.use().harnessCpuSeconds());
  }

  /** The largest foreign CPU seen in any measurement, in cores. */
  public double maxForeignCores() {
    double max = 0;
    for (Map<String, ? extends List<? extends Measured<?>>> stage :
        List.of(results.saturation(), results.fixed(), results.streaming())) {
      for (List<? extends Measured<?>> runs : stage.values()) {
        for (Measured<?> run : runs) {
          max = Math.max(max, run.use().foreignCoresMax());
        }
      }
    }
    for (var level : results.held()) {
      max = Math.max(max, level.use().foreignCoresMax());
    }
    return max;
  }

  /** The mean foreign CPU over every measurement, in cores. */
  public double meanForeignCores() {
    List<Double> values = new ArrayList<>();
    for (Map<String, ? extends List<? extends Measured<?>>> stage :
        List.of(results.saturation(), results.fixed(), results.streaming())) {
      for (List<? extends Measured<?>> runs : stage.values()) {
        for (Measured<?> run : runs) {
          values.add(run.use().foreignCoresAverage());
        }
      }
    }
    results.held().forEach(level -> values.add(level.use().foreignCoresAverage()));
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static <R> double median(
      Map<String, List<Measured<R>>> stage, String target, ToDoubleFunction<Measured<R>> figure) {
    List<Measured<R>> runs = stage.get(target);
    return runs == null ? Double.NaN : Median.of(runs, figure);
  }

  private static <R> Percentiles medianPercentiles(
      Map<String, List<Measured<R>>> stage,
      String target,
      Function<Measured<R>, Percentiles> metric) {
    List<Measured<R>> runs = stage.get(target);
    if (runs == null) {
      return null;
    }
    return new Percentiles(
        Median.of(runs, run -> metric.apply(run).p50()),
        Median.of(runs, run -> metric.apply(run).p99()),
        Median.of(runs, run -> metric.apply(run).p999()),
        (int) Median.of(runs, run -> metric.apply(run).count()));
  }

  private static <R> Percentiles addedPercentiles(
      Map<String, List<Measured<R>>> stage,
      String target,
      Function<Measured<R>, Percentiles> metric) {
    List<Measured<R>> runs = stage.get(target);
    List<Measured<R>> direct = stage.get(DIRECT);
    if (runs == null || direct == null) {
      return null;
    }
    int rounds = Math.min(runs.size(), direct.size());
    double[] p50 = new double[rounds];
    double[] p99 = new double[rounds];
    double[] p999 = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      Percentiles added = metric.apply(runs.get(i)).minus(metric.apply(direct.get(i)));
      p50[i] = added.p50();
      p99[i] = added.p99();
      p999[i] = added.p999();
    }
    return new Percentiles(Median.of(p50), Median.of(p99), Median.of(p999), rounds);
  }
}
