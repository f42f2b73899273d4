package dev.vastproxy.bench.report;

/** The report's machine section: hardware, software versions, load and the proxies' settings. */
final class MachineSection extends ReportSection {
  MachineSection(ReportText document) {
    super(document, "Machine");
  }

  @Override
  void body() {
    MachineInfo machine = results.machine();
    MarkdownTable table = MarkdownTable.namesAndValues(out);
    table.row("CPU", machine.cpu() + ", " + machine.cores() + " logical cores");
    table.row("memory", machine.memoryMib() + " MiB");
    table.row("kernel", "Linux " + machine.kernel());
    table.row("JDK", machine.jdk());
    table.row("nginx", machine.nginx());
    table.row("HAProxy", machine.haproxy());
    table.row("wrk / hey", machine.wrk() + " / hey " + machine.hey());
    table.row("open files", machine.openFiles());
    table.row(
        "load average (1/5/15 min)",
        "at start "
            + loadTriple(machine.loadAverage())
            + ", at end "
            + loadTriple(results.loadAfter()));
    table.row(
        "foreign CPU during measurements",
        "mean "
            + fmt(figures.meanForeignCores(), 2)
            + " cores, busiest second "
            + fmt(figures.maxForeignCores(), 2)
            + " cores (machine busy time minus the harness's process tree)");
    table.row(
        "workers",
        settings.workers()
            + " per proxy (nginx worker_processes, HAProxy nbthread, vastproxy IO threads via"
            + " `-XX:ActiveProcessorCount`)");
    table.row("vastproxy JVM flags", "`" + String.join(" ", settings.jvmFlags()) + "`");
    table.row(
        "mock backends",
        settings.engines()
            + " FakeEngine instances (Undertow, "
            + settings.engineIoThreads()
            + " IO threads each) in the harness JVM, with the load client");
    line();
  }

  private static String loadTriple(String loadavg) {
    String[] parts = loadavg.split(" ");
    return parts.length >= 3 ? parts[0] + " / " + parts[1] + " / " + parts[2] : loadavg;
  }
}
