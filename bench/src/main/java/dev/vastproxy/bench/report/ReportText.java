package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.BenchSettings;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stats.Percentiles;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the report's sections share: the run, its figures, the text being written and its formats;
 * each section writes itself with {@link #write()}.
 */
abstract class ReportText {
  static final String NGINX = "nginx";
  static final String VASTPROXY = "vastproxy";
  static final String NONE = "—";

  final BenchResults results;
  final BenchSettings settings;
  final Figures figures;
  final StringBuilder out;

  ReportText(BenchResults results, Figures figures, StringBuilder out) {
    this.results = results;
    this.settings = results.settings();
    this.figures = figures;
    this.out = out;
  }

  /** A section of the same document: same run, same figures, written into the same text. */
  ReportText(ReportText document) {
    this(document.results, document.figures, document.out);
  }

  /** Writes this part of the report (nothing when its stage did not run). */
  abstract void write();

  /** Starts a table in the text (see {@link MarkdownTable#headed}). */
  MarkdownTable table(String alignment, String... headings) {
    return MarkdownTable.headed(out, alignment, headings);
  }

  List<HeldLevel> heldLevels(String target) {
    return results.held().stream().filter(level -> level.target().equals(target)).toList();
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
