package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchSettings;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The report's title, what it compares, when the run was, and how to reproduce it. */
final class IntroSection extends ReportText {
  IntroSection(ReportText document) {
    super(document);
  }

  @Override
  void write() {
    BenchSettings settings = results.settings();
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
    line("## How to reproduce");
    line();
    line("```sh");
    line("bench/run.sh                 # full run (about 15 min); rewrites docs/benchmarks.md");
    line("bench/run.sh --smoke         # the CI profile: direct and vastproxy, one small round");
    line("bench/run.sh --help          # stages, rounds, workers, output");
    line("```");
    line();
    line(
        "`run.sh` builds vastproxy and the harness, raises the open-files limit, installs nothing:"
            + " nginx, HAProxy, wrk and hey come from Debian (`apt-get install -y nginx haproxy wrk"
            + " hey`); a missing one is skipped with a note. The harness starts every server"
            + " itself on 127.0.0.1, with its own configuration in a scratch directory, and stops"
            + " them by pid at the end.");
    line();
  }
}
