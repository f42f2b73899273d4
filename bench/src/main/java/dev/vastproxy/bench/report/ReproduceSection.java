package dev.vastproxy.bench.report;

/** The report's section on how to run the benchmark again, and what it needs installed. */
final class ReproduceSection extends ReportSection {
  ReproduceSection(ReportText document) {
    super(document, "How to reproduce");
  }

  @Override
  void body() {
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
