package dev.vastproxy.bench;

import dev.vastproxy.bench.client.ChatBodies;
import dev.vastproxy.bench.client.ReferenceStream;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.client.SseWorkload;
import dev.vastproxy.bench.client.StreamDigest;
import dev.vastproxy.bench.proc.Executables;
import dev.vastproxy.bench.proc.HeapProbe;
import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.report.MachineInfo;
import dev.vastproxy.bench.stage.ChaosResult;
import dev.vastproxy.bench.stage.ChaosStage;
import dev.vastproxy.bench.stage.FixedLoadStage;
import dev.vastproxy.bench.stage.HeldLevel;
import dev.vastproxy.bench.stage.HeldStage;
import dev.vastproxy.bench.stage.Measured;
import dev.vastproxy.bench.stage.SaturationStage;
import dev.vastproxy.bench.stage.StartupResult;
import dev.vastproxy.bench.stage.StartupStage;
import dev.vastproxy.bench.stage.StreamingStage;
import dev.vastproxy.bench.targets.HaproxyKind;
import dev.vastproxy.bench.targets.MockFleet;
import dev.vastproxy.bench.targets.NginxKind;
import dev.vastproxy.bench.targets.RenamedTarget;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.targets.TargetKind;
import dev.vastproxy.bench.targets.VastProxyKind;
import dev.vastproxy.bench.tool.Hey;
import dev.vastproxy.bench.tool.HeyResult;
import dev.vastproxy.bench.tool.JsonLoad;
import dev.vastproxy.bench.tool.Wrk;
import dev.vastproxy.bench.tool.WrkResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One benchmark run: starts the mock fleet and every target, runs the stages (start-up, saturation,
 * fixed load, streaming, held streams, chaos) with the targets interleaved, stops everything, and
 * returns what it measured.
 */
public final class Benchmark {
  private final BenchSettings settings;
  private final Executables programs;
  private final ProcessTree proc;
  private final HeapProbe heap;
  private final Consumer<String> log;
  private final List<String> notes = new ArrayList<>();

  public Benchmark(
      BenchSettings settings,
      Executables programs,
      ProcessTree proc,
      HeapProbe heap,
      Consumer<String> log) {
    this.settings = settings;
    this.programs = programs;
    this.proc = proc;
    this.heap = heap;
    this.log = log;
  }

  /** Runs every stage the settings ask for. */
  public BenchResults run() throws IOException {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    Path dir = Files.createDirectories(settings.workDir().toAbsolutePath());
    MachineInfo machine = MachineInfo.read(Path.of("/proc"), programs);
    log.accept("load average at start: " + machine.loadAverage());
    List<StartupResult> startup = new ArrayList<>();
    Map<String, List<Measured<WrkResult>>> saturation = new LinkedHashMap<>();
    Map<String, List<Measured<HeyResult>>> fixed = new LinkedHashMap<>();
    Map<String, List<Measured<SseRunResult>>> streaming = new LinkedHashMap<>();
    List<HeldLevel> held = new ArrayList<>();
    List<ChaosResult> chaos = new ArrayList<>();
    try (MockFleet fleet = MockFleet.start(settings.engines(), settings.engineIoThreads())) {
      List<TargetKind> kinds = kinds();
      if (settings.runs("startup")) {
        StartupStage stage = new StartupStage(settings.startupRuns(), proc, log);
        for (TargetKind kind : kinds.subList(1, kinds.size())) {
          try {
            startup.add(stage.run(kind, fleet, dir.resolve("startup")));
          } catch (IOException e) {
            note("start-up of " + kind.name() + " failed: " + firstLine(e));
          }
        }
        startupWithClassArchive(kinds, stage, fleet, dir.resolve("startup"))
            .ifPresent(startup::add);
      }
      if (settings.runs("saturation") || settings.runs("fixed") || settings.runs("streaming")) {
        List<Target> targets = startAll(kinds, fleet, dir.resolve("targets"));
        try {
          saturation.putAll(saturation(targets, dir));
          fixed.putAll(fixed(targets, dir));
          streaming.putAll(streaming(targets));
        } finally {
          targets.forEach(Target::close);
        }
      }
      if (settings.runs("held")) {
        held.addAll(held(kinds, fleet, dir.resolve("held")));
      }
      if (settings.runs("chaos")) {
        chaos.addAll(chaos(kinds, dir.resolve("chaos")));
      }
    }
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
    return new BenchResults(
        settings,
        machine,
        started,
        Duration.ofNanos(System.nanoTime() - startNanos),
        notes,
        startup,
        saturation,
        fixed,
        streaming,
        held,
        loadAfter,
        chaos);
  }

  /** vastproxy's start-up once more, with an AppCDS archive of its classes. */
  private Optional<StartupResult> startupWithClassArchive(
      List<TargetKind> kinds, StartupStage stage, MockFleet fleet, Path dir) {
    Optional<VastProxyKind> vastproxy =
        kinds.stream()
            .filter(kind -> kind instanceof VastProxyKind v && v.policy().equals("round-robin"))
            .map(VastProxyKind.class::cast)
            .findFirst();
    if (vastproxy.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<VastProxyKind> archived = stage.withClassArchive(vastproxy.get(), fleet, dir);
      if (archived.isEmpty()) {
        note("no AppCDS archive was written; start-up with it not measured");
        return Optional.empty();
      }
      return Optional.of(stage.run(archived.get(), fleet, dir));
    } catch (IOException e) {
      note("start-up with an AppCDS archive failed: " + firstLine(e));
      return Optional.empty();
    }
  }

  /** Direct first, then the peers that are installed, then vastproxy (with each policy). */
  private List<TargetKind> kinds() {
    List<TargetKind> kinds = new ArrayList<>();
    kinds.add(TargetKind.direct());
    if (settings.peers()) {
      int connections = 19_000;
      kinds.add(new NginxKind(programs.find("nginx"), settings.workers(), connections));
      kinds.add(new HaproxyKind(programs.find("haproxy"), settings.workers(), 9_500));
    }
    settings
        .baseline()
        .ifPresent(
            jar ->
                kinds.add(new VastProxyKind(jar, "round-robin", settings.jvmFlags(), "baseline")));
    kinds.add(new VastProxyKind(settings.jar(), "round-robin", settings.jvmFlags()));
    if (settings.policies()) {
      kinds.add(new VastProxyKind(settings.jar(), "least-requests", settings.jvmFlags()));
      kinds.add(new VastProxyKind(settings.jar(), "power-of-two", settings.jvmFlags()));
    }
    List<TargetKind> available = new ArrayList<>();
    for (TargetKind kind : kinds) {
      Optional<String> missing = kind.missing();
      if (missing.isPresent()) {
        note("skipped " + kind.name() + ": " + missing.get());
      } else {
        available.add(kind);
      }
    }
    return available;
  }

  private List<Target> startAll(List<TargetKind> kinds, MockFleet fleet, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    List<Target> targets = new ArrayList<>();
    for (TargetKind kind : kinds) {
      try {
        log.accept("starting " + kind.name());
        targets.add(kind.start(fleet, dir));
      } catch (IOException e) {
        note("skipped " + kind.name() + ": " + firstLine(e));
      }
    }
    return targets;
  }

  private Map<String, List<Measured<WrkResult>>> saturation(List<Target> targets, Path dir)
      throws IOException {
    if (!settings.runs("saturation")) {
      return Map.of();
    }
    Optional<Path> wrk = programs.find("wrk");
    if (wrk.isEmpty()) {
      note("skipped the saturation test: wrk is not installed (Debian: apt-get install -y wrk)");
      return Map.of();
    }
    List<Target> chosen = targets.stream().filter(t -> !isPolicyVariant(t)).toList();
    SaturationStage stage =
        new SaturationStage(
            new Wrk(wrk.get(), settings.wrkThreads()),
            jsonLoad(chosen.get(0), settings.wrkConnections(), settings.wrkDuration()),
            settings.warmup(),
            proc,
            dir.resolve("wrk"),
            log);
    // The policy variants are measured at fixed load and streaming only, but warmed up alike.
    stage.warmUp(targets.stream().filter(Benchmark::isPolicyVariant).toList());
    return stage.run(chosen, settings.rounds());
  }

  private Map<String, List<Measured<HeyResult>>> fixed(List<Target> targets, Path dir)
      throws IOException {
    if (!settings.runs("fixed")) {
      return Map.of();
    }
    Optional<Path> hey = programs.find("hey");
    if (hey.isEmpty()) {
      note("skipped the fixed-load test: hey is not installed (Debian: apt-get install -y hey)");
      return Map.of();
    }
    List<Target> chosen = new ArrayList<>(targets);
    targets.stream()
        .filter(target -> target.name().equals("vastproxy"))
        .findFirst()
        .ifPresent(
            vastproxy ->
                chosen.add(
                    chosen.indexOf(vastproxy) + 1,
                    new RenamedTarget(vastproxy, "vastproxy" + FixedLoadStage.UNPEEKED)));
    return new FixedLoadStage(
            new Hey(hey.get()),
            jsonLoad(chosen.get(0), settings.heyWorkers(), settings.heyDuration()),
            settings.heyRate(),
            proc,
            dir.resolve("hey"),
            log)
        .run(chosen, settings.rounds());
  }

  private Map<String, List<Measured<SseRunResult>>> streaming(List<Target> targets)
      throws IOException {
    if (!settings.runs("streaming")) {
      return Map.of();
    }
    SseWorkload workload =
        SseWorkload.chat(
            MockFleet.MODEL,
            MockFleet.TOKEN,
            settings.streams(),
            settings.ramp(),
            settings.events(),
            settings.delayMs(),
            settings.ttftMs(),
            Duration.ofSeconds(60));
    StreamDigest reference = reference(targets.get(0), workload);
    return new StreamingStage(workload, reference, settings.streamWarmup(), proc, log)
        .run(targets, settings.rounds());
  }

  private List<HeldLevel> held(List<TargetKind> kinds, MockFleet fleet, Path dir)
      throws IOException {
    SseWorkload workload =
        SseWorkload.chat(
            MockFleet.MODEL,
            MockFleet.TOKEN,
            1,
            Duration.ZERO,
            settings.heldEvents(),
            settings.heldDelayMs(),
            settings.ttftMs(),
            Duration.ofSeconds(60));
    StreamDigest reference = reference(TargetKind.direct().start(fleet, dir), workload);
    int warmupStreams = settings.heldLevels().get(0);
    SseWorkload warmup =
        SseWorkload.chat(
            MockFleet.MODEL,
            MockFleet.TOKEN,
            warmupStreams,
            Duration.ofMillis(1000L * warmupStreams / settings.heldConnectsPerSecond()),
            settings.heldEvents(),
            settings.delayMs(),
            settings.ttftMs(),
            Duration.ofSeconds(60));
    HeldStage stage =
        new HeldStage(
            workload,
            settings.streamWarmup() ? Optional.of(warmup) : Optional.empty(),
            settings.heldLevels(),
            settings.heldConnectsPerSecond(),
            reference,
            heap,
            proc,
            log);
    List<HeldLevel> levels = new ArrayList<>();
    for (TargetKind kind : kinds.subList(1, kinds.size())) {
      if (kind instanceof VastProxyKind vastproxy && !vastproxy.policy().equals("round-robin")) {
        continue;
      }
      try {
        levels.addAll(stage.run(kind, fleet, dir, kind instanceof VastProxyKind));
      } catch (IOException e) {
        note("held streams through " + kind.name() + " failed: " + firstLine(e));
      }
    }
    return levels;
  }

  /** nginx (which cannot resume) and vastproxy, while 3 engines die and come back. */
  private List<ChaosResult> chaos(List<TargetKind> kinds, Path dir) throws IOException {
    List<TargetKind> chosen =
        kinds.stream()
            .filter(
                kind ->
                    kind instanceof NginxKind
                        || kind instanceof VastProxyKind v && v.policy().equals("round-robin"))
            .toList();
    Files.createDirectories(dir);
    return new ChaosStage(
            settings.chaosStreams(), settings.chaosRamp(), 3, settings.engineIoThreads(), log)
        .run(chosen, dir);
  }

  private StreamDigest reference(Target direct, SseWorkload workload) throws IOException {
    return ReferenceStream.digest(direct.address(), workload)
        .orElseThrow(() -> new IOException("the direct reference stream did not come whole"));
  }

  private JsonLoad jsonLoad(Target first, int connections, Duration duration) {
    return new JsonLoad(
        first.address(),
        ChatBodies.INSTANT_PATH,
        ChatBodies.padded(MockFleet.MODEL, settings.bodyBytes()),
        "application/json",
        MockFleet.TOKEN,
        connections,
        duration);
  }

  /** vastproxy with another policy; the A/B baseline is measured in every stage, like vastproxy. */
  private static boolean isPolicyVariant(Target target) {
    return target.name().startsWith("vastproxy ") && !target.name().endsWith(" baseline");
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
  }

  private void note(String line) {
    notes.add(line);
    log.accept(line);
  }
}
