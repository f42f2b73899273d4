package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.BenchSettings;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.stage.FixedLoadStage;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stage.StartupResult;
import dev.vastproxy.bench.stats.Median;
import dev.vastproxy.bench.stats.Percentiles;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** Writes a run's results as the Markdown of docs/benchmarks.md. */
public final class MarkdownReport {
  private static final String NGINX = "nginx";
  private static final String VASTPROXY = "vastproxy";
  private static final String NONE = "—";

  private final BenchResults results;
  private final Figures figures;
  private final StringBuilder out = new StringBuilder();

  private MarkdownReport(BenchResults results) {
    this.results = results;
    this.figures = new Figures(results);
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
    saturation();
    fixed();
    peek();
    streaming();
    held();
    startup();
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

  private void saturation() {
    if (results.saturation().isEmpty()) {
      return;
    }
    BenchSettings settings = results.settings();
    line("## Saturation: closed-loop JSON POSTs (wrk)");
    line();
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
            + " s first.");
    line();
    line(
        "| target | req/s | × direct | × nginx | p50 ms | p99 ms | added p50 ms | proxy cores | proxy"
            + " CPU µs/req | × nginx | peak RSS MiB | errors |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String target : results.saturation().keySet()) {
      boolean direct = target.equals(Figures.DIRECT);
      double rps = figures.rps(target);
      double cpu = figures.cpuMicrosPerRequest(target);
      long errors =
          results.saturation().get(target).stream().mapToLong(run -> run.result().errors()).sum();
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
              + fmt(figures.wrkLatency(target, false), 3)
              + " | "
              + fmt(figures.wrkLatency(target, true), 2)
              + " | "
              + signed(
                  figures.wrkLatency(target, false) - figures.wrkLatency(Figures.DIRECT, false))
              + " | "
              + (direct ? NONE : fmt(figures.saturationCores(target), 2))
              + " | "
              + (direct ? NONE : fmt(cpu, 1))
              + " | "
              + (direct ? NONE : ratio(cpu, figures.cpuMicrosPerRequest(NGINX)))
              + " | "
              + (direct ? NONE : fmt(Figures.peakRss(results.saturation(), target), 0))
              + " | "
              + errors
              + " |");
    }
    line();
  }

  private void fixed() {
    if (results.fixed().isEmpty()) {
      return;
    }
    BenchSettings settings = results.settings();
    line("## Fixed load below saturation: added latency (hey)");
    line();
    line(
        "`hey -z "
            + settings.heyDuration().toSeconds()
            + "s -c "
            + settings.heyWorkers()
            + " -q "
            + Math.max(1, settings.heyRate() / settings.heyWorkers())
            + "` ("
            + settings.heyRate()
            + " requests/s offered in all), the same POST. hey reports each latency to 0.1 ms, so"
            + " differences below that are noise.");
    line();
    line(
        "| target | achieved req/s | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms | p99 ×"
            + " direct | added p99 × nginx | proxy cores per 1k req/s | × nginx |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Percentiles directLatency = figures.fixedLatency(Figures.DIRECT);
    for (String target : results.fixed().keySet()) {
      boolean direct = target.equals(Figures.DIRECT);
      Percentiles latency = figures.fixedLatency(target);
      Percentiles added = figures.fixedAdded(target);
      double cores = figures.fixedCoresPerThousand(target);
      line(
          "| "
              + target
              + " | "
              + fmt(figures.fixedRate(target), 0)
              + " | "
              + fmt(latency.p50(), 2)
              + " | "
              + fmt(latency.p99(), 2)
              + " | "
              + fmt(latency.p999(), 2)
              + " | "
              + (direct ? NONE : signed(added.p50()))
              + " | "
              + (direct ? NONE : signed(added.p99()))
              + " | "
              + ratio(latency.p99(), directLatency == null ? Double.NaN : directLatency.p99())
              + " | "
              + (direct ? NONE : addedRatio(added, figures.fixedAdded(NGINX), Percentiles::p99))
              + " | "
              + (direct ? NONE : fmt(cores, 3))
              + " | "
              + (direct ? NONE : ratio(cores, figures.fixedCoresPerThousand(NGINX)))
              + " |");
    }
    line();
  }

  private void peek() {
    String unpeeked = VASTPROXY + FixedLoadStage.UNPEEKED;
    if (!results.fixed().containsKey(unpeeked) || !results.fixed().containsKey(VASTPROXY)) {
      return;
    }
    Percentiles peeked = figures.fixedAdded(VASTPROXY);
    Percentiles plain = figures.fixedAdded(unpeeked);
    line("## What peeking at the model costs");
    line();
    line(
        "The fixed-load POST sent to vastproxy twice in the same rounds: with `Content-Type:"
            + " application/json` (the proxy reads the body, finds `model` and routes by it) and"
            + " with `Content-Type: text/plain` (not read: streamed through as is).");
    line();
    line("| vastproxy | added p50 ms | added p99 ms |");
    line("|---|---:|---:|");
    line("| JSON, model peeked | " + signed(peeked.p50()) + " | " + signed(peeked.p99()) + " |");
    line("| not peeked | " + signed(plain.p50()) + " | " + signed(plain.p99()) + " |");
    line(
        "| **cost of peeking** | "
            + signed(peeked.p50() - plain.p50())
            + " | "
            + signed(peeked.p99() - plain.p99())
            + " |");
    line();
  }

  private void streaming() {
    if (results.streaming().isEmpty()) {
      return;
    }
    BenchSettings settings = results.settings();
    line("## Streaming: SSE through each target");
    line();
    line(
        settings.streams()
            + " concurrent streams (started over "
            + settings.ramp().toMillis()
            + " ms) × "
            + settings.events()
            + " events, "
            + settings.delayMs()
            + " ms apart, backend time to first token "
            + settings.ttftMs()
            + " ms; "
            + (settings.streamWarmup()
                ? "one unmeasured warm-up run per target at this concurrency. "
                : "")
            + "Each event carries the backend's `System.nanoTime()` at send; the client (one java.nio"
            + " thread) records its arrival, so *delivery* is one-way latency on one clock. Every"
            + " stream is checked byte for byte against a direct reference (ids and timestamps"
            + " aside).");
    line();
    line(
        "| target | errors | incomplete | corrupt | TTFB p50 / p99 ms | TTFT p50 / p99 ms | added"
            + " TTFB p50 / p99 | added TTFT p50 / p99 | TTFT p99 × direct | added TTFT p99 × nginx"
            + " | delivery p50 / p99 / p99.9 ms | added delivery p50 / p99 / p99.9 | added p99 ×"
            + " nginx | gap p50 / p99 ms | proxy CPU s | µs per event | peak RSS MiB | harness CPU s"
            + " |");
    line("|---|---:|---:|---:|---|---|---|---|---:|---:|---|---|---:|---|---:|---:|---:|---:|");
    Percentiles directTtft = figures.streaming(Figures.DIRECT, SseRunResult::ttft);
    long eventsPerRun = (long) settings.streams() * (settings.events() + 2);
    for (String target : results.streaming().keySet()) {
      boolean direct = target.equals(Figures.DIRECT);
      int[] broken = figures.streamingBroken(target);
      Percentiles ttfb = figures.streaming(target, SseRunResult::ttfb);
      Percentiles ttft = figures.streaming(target, SseRunResult::ttft);
      Percentiles delivery = figures.streaming(target, SseRunResult::delivery);
      Percentiles gap = figures.streaming(target, SseRunResult::gap);
      Percentiles addedTtfb = figures.streamingAdded(target, SseRunResult::ttfb);
      Percentiles addedTtft = figures.streamingAdded(target, SseRunResult::ttft);
      Percentiles addedDelivery = figures.streamingAdded(target, SseRunResult::delivery);
      double cpu = figures.streamingCpu(target);
      line(
          "| "
              + target
              + " | "
              + broken[0]
              + " | "
              + broken[1]
              + " | "
              + broken[2]
              + " | "
              + pair(ttfb)
              + " | "
              + pair(ttft)
              + " | "
              + (direct ? NONE : signedPair(addedTtfb))
              + " | "
              + (direct ? NONE : signedPair(addedTtft))
              + " | "
              + ratio(ttft.p99(), directTtft.p99())
              + " | "
              + (direct
                  ? NONE
                  : addedRatio(
                      addedTtft,
                      figures.streamingAdded(NGINX, SseRunResult::ttft),
                      Percentiles::p99))
              + " | "
              + triple(delivery)
              + " | "
              + (direct ? NONE : signedTriple(addedDelivery))
              + " | "
              + (direct
                  ? NONE
                  : addedRatio(
                      addedDelivery,
                      figures.streamingAdded(NGINX, SseRunResult::delivery),
                      Percentiles::p99))
              + " | "
              + pair(gap)
              + " | "
              + (direct ? NONE : fmt(cpu, 2))
              + " | "
              + (direct ? NONE : fmt(cpu * 1e6 / eventsPerRun, 1))
              + " | "
              + (direct ? NONE : fmt(Figures.peakRss(results.streaming(), target), 0))
              + " | "
              + fmt(figures.streamingHarnessCpu(target), 2)
              + " |");
    }
    line();
    line(
        "TTFB is request start → response headers; TTFT → first `data:` event; gap is the time"
            + " between consecutive events of a stream (nominally "
            + settings.delayMs()
            + " ms). µs per event: proxy CPU per forwarded event ("
            + settings.events()
            + " tokens + final chunk + `[DONE]` per stream). Harness CPU is the load client plus"
            + " the mock backends.");
    line();
  }

  private void held() {
    if (results.held().isEmpty()) {
      return;
    }
    BenchSettings settings = results.settings();
    line("## Held streams: memory per stream");
    line();
    line(
        "Streams of "
            + settings.heldEvents()
            + " events "
            + settings.heldDelayMs()
            + " ms apart, opened at "
            + settings.heldConnectsPerSecond()
            + " per second, levels in turn on one freshly started proxy each (vastproxy with `"
            + String.join(" ", settings.jvmFlags())
            + "`)"
            + (settings.streamWarmup()
                ? ", each after one unmeasured warm-up run of "
                    + settings.heldLevels().get(0)
                    + " streams with events "
                    + settings.delayMs()
                    + " ms apart (JIT)"
                : "")
            + ". Memory is read once every stream of the level is open. *Idle* is the RSS right"
            + " after start, *before* what the warm-up and earlier levels left; *per 1k* is (held"
            + " − before) / streams × 1,000, *since start* is (held − idle) / streams × 1,000."
            + " Live heap: `jcmd GC.run` then"
            + " `GC.heap_info` (the full GC pauses the JVM once per reading, which shows in its"
            + " p99.9 only).");
    line();
    line(
        "| target | streams | all held | RSS idle / before / held MiB | MiB per 1k | since start"
            + " MiB per 1k | live heap before / held MiB | heap MiB per 1k | errors | incomplete |"
            + " corrupt | delivery p50 / p99 ms | proxy CPU s |");
    line("|---|---:|---|---|---:|---:|---|---:|---:|---:|---:|---|---:|");
    for (HeldLevel level : results.held()) {
      boolean jvm = !Double.isNaN(level.heapHeldMib());
      line(
          "| "
              + level.target()
              + " | "
              + level.streams()
              + " | "
              + (level.allHeld() ? "yes" : "**no**")
              + " | "
              + fmt(level.rssIdleMib(), 0)
              + " / "
              + fmt(level.rssBeforeMib(), 0)
              + " / "
              + fmt(level.rssHeldMib(), 0)
              + " | "
              + fmt(level.rssPerThousandMib(), 1)
              + " | "
              + fmt(level.rssSinceIdlePerThousandMib(), 1)
              + " | "
              + (jvm ? fmt(level.heapBeforeMib(), 1) + " / " + fmt(level.heapHeldMib(), 1) : NONE)
              + " | "
              + (jvm ? fmt(level.heapPerThousandMib(), 2) : NONE)
              + " | "
              + level.result().errors()
              + " | "
              + level.result().incomplete()
              + " | "
              + level.result().corrupt()
              + " | "
              + fmt(level.result().delivery().p50(), 2)
              + " / "
              + fmt(level.result().delivery().p99(), 2)
              + " | "
              + fmt(level.use().targetCpuSeconds(), 2)
              + " |");
    }
    line();
  }

  private void startup() {
    if (results.startup().isEmpty()) {
      return;
    }
    line("## Start-up: spawn to first proxied 200");
    line();
    line(
        "From spawning the process to the first 200 answer to a chat request through it (an open"
            + " port is not enough: vastproxy must also discover the backends through the fake"
            + " vast.ai API and see them healthy), polling every 2 ms. `vastproxy + AppCDS` starts"
            + " with a class-data-sharing archive (`-XX:SharedArchiveFile`) written by one"
            + " training start with `-XX:ArchiveClassesAtExit`.");
    line();
    line("| target | median ms | runs ms | RSS after the first answer MiB |");
    line("|---|---:|---|---:|");
    for (StartupResult result : results.startup()) {
      List<String> runs = new ArrayList<>();
      result.millis().forEach(ms -> runs.add(fmt(ms, 0)));
      line(
          "| "
              + result.target()
              + " | "
              + fmt(
                  Median.of(result.millis().stream().mapToDouble(Double::doubleValue).toArray()), 0)
              + " | "
              + String.join(", ", runs)
              + " | "
              + fmt(result.rssAfterFirstMib(), 0)
              + " |");
    }
    line();
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

  private List<String> targets() {
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

  private List<HeldLevel> heldLevels(String target) {
    return results.held().stream().filter(level -> level.target().equals(target)).toList();
  }

  private String heldSummary(String target) {
    List<HeldLevel> levels = heldLevels(target);
    if (levels.isEmpty()) {
      return NONE;
    }
    HeldLevel last = levels.get(levels.size() - 1);
    String heap = Double.isNaN(last.heapHeldMib()) ? "" : " / " + fmt(last.heapPerThousandMib(), 2);
    return fmt(last.rssSinceIdlePerThousandMib(), 1) + heap + " (" + last.streams() + ")";
  }

  private String startupMedian(String target) {
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

  private static String addedRatio(
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

  private static String ratio(double value, double base) {
    if (Double.isNaN(value) || Double.isNaN(base) || base == 0) {
      return NONE;
    }
    return "×" + fmt(value / base, 2);
  }

  private static String pair(Percentiles p) {
    return p == null ? NONE : fmt(p.p50(), 2) + " / " + fmt(p.p99(), 2);
  }

  private static String triple(Percentiles p) {
    return p == null ? NONE : fmt(p.p50(), 2) + " / " + fmt(p.p99(), 2) + " / " + fmt(p.p999(), 2);
  }

  private static String signedPair(Percentiles p) {
    return p == null ? NONE : signed(p.p50()) + " / " + signed(p.p99());
  }

  private static String signedTriple(Percentiles p) {
    return p == null ? NONE : signed(p.p50()) + " / " + signed(p.p99()) + " / " + signed(p.p999());
  }

  private static String signed(double value) {
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

  private void line(String text) {
    out.append(text).append('\n');
  }

  private void line() {
    out.append('\n');
  }
}
