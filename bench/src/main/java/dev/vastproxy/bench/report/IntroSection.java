package dev.vastproxy.bench.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The report's title, what it compares and when the run was. */
final class IntroSection extends ReportText {
  IntroSection(ReportText document) {
    super(document);
  }

  @Override
  void write() {
    line("# Benchmarks");
    line();
    line(
        "vastproxy side by side with no proxy (`direct`), nginx and HAProxy, all in front of the"
            + " same mock OpenAI backends on one machine, over loopback. Every figure is the median"
            + " of "
            + settings.rounds()
            + " interleaved round(s) (targets in alternating order); an *added* figure is the"
            + " target's value minus direct's in the same round. Ratios `× nginx` divide by"
            + " nginx's figure from the same run.");
    line();
    line(
        "Run of "
            + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                results.started().atOffset(ZoneOffset.UTC).withNano(0))
            + " UTC, profile `"
            + settings.profile()
            + "`, took "
            + results.took().toMinutes()
            + " min "
            + results.took().toSecondsPart()
            + " s.");
    line();
  }
}
