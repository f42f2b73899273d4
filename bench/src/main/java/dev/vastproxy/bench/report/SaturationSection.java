package dev.vastproxy.bench.report;

/** The report's saturation section: closed-loop JSON POSTs through each target (wrk). */
final class SaturationSection extends ReportSection {
  SaturationSection(ReportText document) {
    super(document, "Saturation: closed-loop JSON POSTs (wrk)");
  }

  @Override
  boolean ran() {
    return !results.saturation().isEmpty();
  }

  @Override
  void body() {
    line(
        "`wrk -t"
            + settings.wrkThreads()
            + " -c"
            + settings.wrkConnections()
            + " -d"
            + settings.wrkDuration().toSeconds()
            + "s`, a "
            + settings.bodyBytes()
            + "-byte chat-completion POST (`Content-Type: application/json`, with a `model`) answered"
            + " at once by the mock backend. On "
            + results.machine().cores()
            + " cores shared by wrk, the backend and the proxy this is mostly a test of CPU"
            + " efficiency. Each target was warmed up for "
            + settings.warmup().toSeconds()
            + " s first, repeated (up to six times) until the JIT compiler took under 5 % of a"
            + " JVM's CPU in the last warm-up.");
    line();
    MarkdownTable table =
        table(
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            "target",
            "req/s",
            "× direct",
            "× nginx",
            "p50 ms",
            "p99 ms",
            "added p50 ms",
            "proxy cores",
            "proxy CPU µs/req",
            "× nginx",
            "heap B/req",
            "peak RSS MiB",
            "errors");
    for (String target : results.saturation().keySet()) {
      boolean direct = target.equals(Figures.DIRECT);
      double rps = figures.rps(target);
      double cpu = figures.cpuMicrosPerRequest(target);
      table.row(
          target,
          fmt(rps, 0),
          ratio(rps, figures.rps(Figures.DIRECT)),
          ratio(rps, figures.rps(NGINX)),
          fmt(figures.wrkLatency(target, false), 3),
          fmt(figures.wrkLatency(target, true), 2),
          signed(figures.wrkLatency(target, false) - figures.wrkLatency(Figures.DIRECT, false)),
          direct ? NONE : fmt(figures.saturationCores(target), 2),
          direct ? NONE : fmt(cpu, 1),
          direct ? NONE : ratio(cpu, figures.cpuMicrosPerRequest(NGINX)),
          fmt(figures.allocatedPerRequest(target), 0),
          direct ? NONE : fmt(Figures.peakRss(results.saturation(), target), 0),
          results.saturation().get(target).stream().mapToLong(run -> run.result().errors()).sum());
    }
    line();
  }
}
