package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.stage.FixedLoadStage;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stats.Median;
import dev.vastproxy.bench.stats.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * What the report's sections share: the run, its figures, the text being written and its formats.
 */
abstract class ReportText {
  static final String NGINX = "nginx";
  static final String VASTPROXY = "vastproxy";
  static final String NONE = "—";

  final BenchResults results;
  final Figures figures;
  final StringBuilder out;

  ReportText(BenchResults results, Figures figures, StringBuilder out) {
    this.results = results;
    this.figures = figures;
    this.out = out;
  }

  List<String> targets() {
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

  List<HeldLevel> heldLevels(String target) {
    return results.held().stream().filter(level -> level.target().equals(target)).toList();
  }

  String heldSummary(String target) {
    List<HeldLevel> levels = heldLevels(target);
    if (levels.isEmpty()) {
      return NONE;
    }
    HeldLevel last = levels.get(levels.size() - 1);
    String heap = Double.isNaN(last.heapHeldMib()) ? "" : " / " + fmt(last.heapPerThousandMib(), 2);
    return fmt(last.rssSinceIdlePerThousandMib(), 1) + heap + " (" + last.streams() + ")";
  }

  String startupMedian(String target) {
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

  static String addedRatio(
      Percentiles value, Percentiles nginx, Function<Percentiles, Double> figure) {
    if (value == null || nginx == null) {
      return NONE;
    }
    double denominator = figure.apply(nginx);
    if (denominator < 0.05) {
      return NONE;
    }
    return "×" + fmt(figure.apply(value) / denominator, 2);
  }

  static String ratio(double value, double base) {
    if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
      return NONE;
    }
    return "×" + fmt(value / base, 2);
  }

  static String pair(Percentiles p) {
    return p == null ? NONE : fmt(p.p50(), 2) + " / " + fmt(p.p99(), 2);
  }

  static String triple(Percentiles p) {
    return p == null ? NONE : fmt(p.p50(), 2) + " / " + fmt(p.p99(), 2) + " / " + fmt(p.p999(), 2);
  }

  static String signedPair(Percentiles p) {
    return p == null ? NONE : signed(p.p50()) + " / " + signed(p.p99());
  }

  static String signedTriple(Percentiles p) {
    return p == null ? NONE : signed(p.p50()) + " / " + signed(p.p99()) + " / " + signed(p.p999());
  }

  static String signed(double value) {
    if (Double.isNaN(value)) {
      return NONE;
    }
    return (value >= 0 ? "+" : "") + fmt(value, 2);
  }

  static String fmt(double value, int decimals) {
    if (Double.isNaN(value)) {
      return NONE;
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  void line(String text) {
    out.append(text).append('\n');
  }

  void line() {
    out.append('\n');
  }
}
