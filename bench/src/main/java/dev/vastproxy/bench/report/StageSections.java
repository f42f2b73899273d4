package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.BenchSettings;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.stage.FixedLoadStage;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stage.StartupResult;
import dev.vastproxy.bench.stats.Median;
import dev.vastproxy.bench.stats.Percentiles;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's section per stage: saturation, fixed load, the peek's cost, streaming, held,
 * start-up.
 */
final class StageSections extends ReportText {
  StageSections(BenchResults results, Figures figures, StringBuilder out) {
    super(results, figures, out);
  }

  void saturation() {
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

  void fixed() {
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

  void peek() {
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

  void streaming() {
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

  void held() {
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

  void startup() {
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
}
