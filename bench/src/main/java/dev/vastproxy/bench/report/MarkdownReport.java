package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.BenchSettings;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stats.Percentiles;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes a run's results as the Markdown of docs/benchmarks.md. */
public final class MarkdownReport extends ReportText {
  private final StageSections stages;
  private final ChaosSection chaos;

  private MarkdownReport(BenchResults results) {
    super(results, new Figures(results), new StringBuilder());
    this.stages = new StageSections(results, figures, out);
    this.chaos = new ChaosSection(results, figures, out);
  }

  /** The whole document. */
  public static String render(BenchResults results) {
    return new MarkdownReport(results).document();
  }

  /** Only the summary table (what the harness prints at the end). */
  public static String summary(BenchResults results) {
    MarkdownReport report = new MarkdownReport(results);
    report.summaryTable();
    return report.out.toString();
  }

  private String document() {
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
    machine();
    summaryTable();
    aims();
    stages.saturation();
    stages.fixed();
    stages.peek();
    stages.streaming();
    stages.held();
    chaos.chaos();
    stages.startup();
    method();
    notes();
    return out.toString();
  }

  private void machine() {
    MachineInfo machine = results.machine();
    line("## Machine");
    line();
    line("| | |");
    line("|---|---|");
    line("| CPU | " + machine.cpu() + ", " + machine.cores() + " logical cores |");
    line("| memory | " + machine.memoryMib() + " MiB |");
    line("| kernel | Linux " + machine.kernel() + " |");
    line("| JDK | " + machine.jdk() + " |");
    line("| nginx | " + machine.nginx() + " |");
    line("| HAProxy | " + machine.haproxy() + " |");
    line("| wrk / hey | " + machine.wrk() + " / hey " + machine.hey() + " |");
    line("| open files | " + machine.openFiles() + " |");
    line(
        "| load average (1/5/15 min) | at start "
            + loadTriple(machine.loadAverage())
            + ", at end "
            + loadTriple(results.loadAfter())
            + " |");
    line(
        "| foreign CPU during measurements | mean "
            + fmt(figures.meanForeignCores(), 2)
            + " cores, busiest second "
            + fmt(figures.maxForeignCores(), 2)
            + " cores (machine busy time minus the harness's process tree) |");
    BenchSettings settings = results.settings();
    line(
        "| workers | "
            + settings.workers()
            + " per proxy (nginx worker_processes, HAProxy nbthread, vastproxy IO threads via"
            + " `-XX:ActiveProcessorCount`) |");
    line("| vastproxy JVM flags | `" + String.join(" ", settings.jvmFlags()) + "` |");
    line(
        "| mock backends | "
            + settings.engines()
            + " FakeEngine instances (Undertow, "
            + settings.engineIoThreads()
            + " IO threads each) in the harness JVM, with the load client |");
    line();
  }

  private static String loadTriple(String loadavg) {
    String[] parts = loadavg.split(" ");
    return parts.length >= 3 ? parts[0] + " / " + parts[1] + " / " + parts[2] : loadavg;
  }

  private void summaryTable() {
    line("## Summary");
    line();
    line(
        "| target | req/s at saturation | × direct | × nginx | CPU µs/req | × nginx | fixed load:"
            + " added p50 / p99 ms | p99 × nginx | SSE: added TTFB p50 ms | added TTFT p50 / p99"
            + " ms | p99 × nginx | added delivery p50 / p99 / p99.9 ms | p99 × nginx | broken"
            + " streams | held streams: RSS / heap MiB per 1k | start-up ms |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String target : targets()) {
      boolean direct = target.equals(Figures.DIRECT);
      double rps = figures.rps(target);
      double cpu = figures.cpuMicrosPerRequest(target);
      Percentiles fixedAdded = figures.fixedAdded(target);
      Percentiles ttfb = figures.streamingAdded(target, SseRunResult::ttfb);
      Percentiles ttft = figures.streamingAdded(target, SseRunResult::ttft);
      Percentiles delivery = figures.streamingAdded(target, SseRunResult::delivery);
      int[] broken = figures.streamingBroken(target);
      line(
          "| "
              + target
              + " | "
              + fmt(rps, 0)
              + " | "
              + ratio(rps, figures.rps(Figures.DIRECT))
              + " | "
              + ratio(rps, figures.rps(NGINX))
              + " | "
              + (direct ? NONE : fmt(cpu, 1))
              + " | "
              + (direct ? NONE : ratio(cpu, figures.cpuMicrosPerRequest(NGINX)))
              + " | "
              + (direct || fixedAdded == null
                  ? NONE
                  : signed(fixedAdded.p50()) + " / " + signed(fixedAdded.p99()))
              + " | "
              + (direct
                  ? NONE
                  : addedRatio(fixedAdded, figures.fixedAdded(NGINX), Percentiles::p99))
              + " | "
              + (direct || ttfb == null ? NONE : signed(ttfb.p50()))
              + " | "
              + (direct || ttft == null ? NONE : signed(ttft.p50()) + " / " + signed(ttft.p99()))
              + " | "
              + (direct
                  ? NONE
                  : addedRatio(
                      ttft, figures.streamingAdded(NGINX, SseRunResult::ttft), Percentiles::p99))
              + " | "
              + (direct || delivery == null
                  ? NONE
                  : signed(delivery.p50())
                      + " / "
                      + signed(delivery.p99())
                      + " / "
                      + signed(delivery.p999()))
              + " | "
              + (direct
                  ? NONE
                  : addedRatio(
                      delivery,
                      figures.streamingAdded(NGINX, SseRunResult::delivery),
                      Percentiles::p99))
              + " | "
              + (results.streaming().containsKey(target)
                  ? Integer.toString(broken[0] + broken[1] + broken[2])
                  : NONE)
              + " | "
              + heldSummary(target)
              + " | "
              + startupMedian(target)
              + " |");
    }
    line();
    line(
        "Added figures are in ms against direct; `× nginx` divides the added figure by nginx's"
            + " (below 1 is better); `—` where there is nothing to compare. Held streams: at the"
            + " largest level, RSS growth since start and live-heap growth (after a full GC; JVM"
            + " only) per 1,000 streams. Details and definitions below.");
    line();
  }

  private void aims() {
    line("## Where vastproxy stands against its aims");
    line();
    line("| aim | measured (same run) | met |");
    line("|---|---|---|");
    double rps = figures.rps(VASTPROXY);
    double nginxRps = figures.rps(NGINX);
    aim(
        "throughput at saturation ≥ nginx's",
        fmt(rps, 0) + " vs " + fmt(nginxRps, 0) + " req/s (" + ratio(rps, nginxRps) + ")",
        rps >= nginxRps);
    Percentiles fixed = figures.fixedAdded(VASTPROXY);
    Percentiles nginxFixed = figures.fixedAdded(NGINX);
    aim(
        "fixed-load added p99 ≤ nginx's",
        fixed == null || nginxFixed == null
            ? NONE
            : signed(fixed.p99()) + " vs " + signed(nginxFixed.p99()) + " ms",
        fixed != null && nginxFixed != null && fixed.p99() <= nginxFixed.p99());
    Percentiles ttfb = figures.streaming(VASTPROXY, SseRunResult::ttfb);
    Percentiles ttft = figures.streaming(VASTPROXY, SseRunResult::ttft);
    aim(
        "response headers sent before the first token",
        ttfb == null
            ? NONE
            : "TTFB p50 " + fmt(ttfb.p50(), 2) + " ms, TTFT p50 " + fmt(ttft.p50(), 2) + " ms",
        ttfb != null && ttfb.p99() < ttft.p50());
    Percentiles addedTtft = figures.streamingAdded(VASTPROXY, SseRunResult::ttft);
    Percentiles nginxTtft = figures.streamingAdded(NGINX, SseRunResult::ttft);
    aim(
        "added TTFT p99 ≤ nginx's",
        addedTtft == null || nginxTtft == null
            ? NONE
            : signed(addedTtft.p99()) + " vs " + signed(nginxTtft.p99()) + " ms",
        addedTtft != null && nginxTtft != null && addedTtft.p99() <= nginxTtft.p99());
    Percentiles delivery = figures.streamingAdded(VASTPROXY, SseRunResult::delivery);
    Percentiles nginxDelivery = figures.streamingAdded(NGINX, SseRunResult::delivery);
    aim(
        "added per-event delivery p99 ≤ nginx's",
        delivery == null || nginxDelivery == null
            ? NONE
            : signed(delivery.p99()) + " vs " + signed(nginxDelivery.p99()) + " ms",
        delivery != null && nginxDelivery != null && delivery.p99() <= nginxDelivery.p99());
    List<HeldLevel> levels = heldLevels(VASTPROXY);
    double worstRss =
        levels.stream().mapToDouble(HeldLevel::rssSinceIdlePerThousandMib).max().orElse(Double.NaN);
    aim(
        "≤ 16 MiB per 1,000 held streams",
        levels.isEmpty()
            ? NONE
            : "RSS "
                + fmt(worstRss, 1)
                + " MiB per 1k at worst (RSS growth since start); live heap "
                + fmt(levels.stream().mapToDouble(HeldLevel::heapPerThousandMib).max().orElse(0), 1)
                + " MiB per 1k",
        !levels.isEmpty() && worstRss <= 16);
    HeldLevel largest = levels.isEmpty() ? null : levels.get(levels.size() - 1);
    aim(
        "8,000 held streams at -Xmx256m, no errors",
        largest == null
            ? NONE
            : largest.streams()
                + " streams: "
                + largest.result().errors()
                + " errors, "
                + largest.result().incomplete()
                + " incomplete, "
                + largest.result().corrupt()
                + " corrupt",
        largest != null && largest.streams() >= 8000 && largest.result().broken() == 0);
    aim(
        "≥ 99 % of streams complete while engines die and come back",
        ChaosSection.of(results, VASTPROXY)
            .map(c -> fmt(c.completedShare() * 100, 1) + " % of " + c.result().streams())
            .orElse(NONE),
        ChaosSection.of(results, VASTPROXY).map(c -> c.completedShare() >= 0.99).orElse(false));
    line();
  }

  private void aim(String aim, String measured, boolean met) {
    line(
        "| "
            + aim
            + " | "
            + measured
            + " | "
            + (measured.equals(NONE) ? NONE : met ? "yes" : "**no**")
            + " |");
  }

  private void method() {
    line("## Method");
    line();
    line(
        "- nginx: `worker_processes` = workers, upstream `keepalive 1024`, `proxy_http_version"
            + " 1.1`, `proxy_buffering off`, `worker_connections` counting client and upstream"
            + " sockets, access log off.");
    line(
        "- HAProxy: `nbthread` = workers, `option http-no-delay` (without it SSE flushes are held"
            + " up to 200 ms), `http-reuse always`, `balance roundrobin`.");
    line(
        "- vastproxy: the runnable jar in its own JVM, discovering the mock engines through the"
            + " fake vast.ai API (`FakeVastApi`) as it would discover a real fleet; each engine"
            + " checks the instance's bearer token. Every proxy balances over the same engines;"
            + " direct streams alternate between them, direct wrk/hey load goes to the first.");
    line(
        "- CPU: utime+stime of the proxy's process tree from `/proc/<pid>/stat`; RSS from"
            + " `/proc/<pid>/status`, sampled every 250 ms. Foreign CPU: the machine's busy time"
            + " (`/proc/stat`) minus the harness's whole process tree (which holds the proxies,"
            + " wrk and hey).");
    line();
  }

  private void notes() {
    if (results.notes().isEmpty()) {
      return;
    }
    line("## Notes from this run");
    line();
    results.notes().forEach(note -> line("- " + note));
    line();
  }
}
