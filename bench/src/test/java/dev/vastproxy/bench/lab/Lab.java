package dev.vastproxy.bench.lab;

import dev.vastproxy.bench.client.SseLoadClient;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.client.SseWorkload;
import dev.vastproxy.bench.proc.Executables;
import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.targets.HaproxyKind;
import dev.vastproxy.bench.targets.MockFleet;
import dev.vastproxy.bench.targets.NginxKind;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.targets.TargetKind;
import dev.vastproxy.bench.targets.VastProxyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A hand-run experiment (not a test): one target, streaming runs in a loop, for profiling. */
public final class Lab {
  private Lab() {}

  /** Args: kind streams events delayMs runs [extra JVM flags…]. */
  public static void main(String[] args) throws Exception {
    String kindName = args[0];
    int streams = Integer.parseInt(args[1]);
    int events = Integer.parseInt(args[2]);
    int delay = Integer.parseInt(args[3]);
    int runs = Integer.parseInt(args[4]);
    List<String> flags = new ArrayList<>(VastProxyKind.defaultJvmFlags(1));
    List<String> extra = Arrays.asList(args).subList(5, args.length);
    if (extra.stream().anyMatch(flag -> flag.matches("-XX:\\+Use\\w+GC"))) {
      flags.removeIf(flag -> flag.matches("-XX:\\+Use\\w+GC"));
    }
    flags.addAll(extra);
    Executables programs = Executables.system();
    TargetKind kind =
        switch (kindName) {
          case "nginx" -> new NginxKind(programs.find("nginx"), 1, 19000);
          case "haproxy" -> new HaproxyKind(programs.find("haproxy"), 1, 9500);
          case "direct" -> TargetKind.direct();
          default ->
              new VastProxyKind(
                  Path.of(System.getProperty("lab.jar", "bootstrap/target/vastproxy.jar")),
                  kindName,
                  flags);
        };
    Path dir = Files.createTempDirectory("lab");
    try (MockFleet fleet = MockFleet.start(2, 2);
        Target target = kind.start(fleet, dir)) {
      System.out.println("PID " + target.pid() + " port " + target.address().getPort());
      if (streams == 0) {
        Thread.sleep(runs * 1000L);
        return;
      }
      SseWorkload workload =
          SseWorkload.chat(
              MockFleet.MODEL,
              MockFleet.TOKEN,
              streams,
              Duration.ofSeconds(1),
              events,
              delay,
              50,
              Duration.ofSeconds(60));
      for (int i = 0; i < runs; i++) {
        long before = ProcessTree.system().cpuTicks(target.pid().orElse(0));
        SseRunResult r = new SseLoadClient(target.addresses(), workload, Optional.empty()).run();
        long ticks = ProcessTree.system().cpuTicks(target.pid().orElse(0)) - before;
        System.out.printf(
            "run %d: rss %d MiB broken %d cpu %.2fs = %.1f us/event ttfb %.2f/%.2f ttft %.2f/%.2f"
                + " delivery %.2f/%.2f/%.2f%n",
            i,
            ProcessTree.system().rssKib(target.pid().orElse(0)) / 1024,
            r.broken(),
            ticks / 100.0,
            ticks * 1e4 / r.events(),
            r.ttfb().p50(),
            r.ttfb().p99(),
            r.ttft().p50(),
            r.ttft().p99(),
            r.delivery().p50(),
            r.delivery().p99(),
            r.delivery().p999());
      }
    }
  }
}
