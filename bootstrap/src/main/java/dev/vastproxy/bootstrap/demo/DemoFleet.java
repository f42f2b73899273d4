package dev.vastproxy.bootstrap.demo;

import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.EngineLoadProfile;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.Fault;
import dev.vastproxy.simulator.ssh.FakeSshHost;
import dev.vastproxy.simulator.ssh.GpuFigures;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A simulated vast.ai account on loopback for {@code --demo}: a fake vast.ai API listing fake
 * SGLang and vLLM engines that stream tokens, of different GPU counts, one of which dies mid-stream
 * now and then (crashing, or stopped by vast.ai) and comes back, each with a fake SSH daemon
 * answering nvidia-smi with its engine's load, and a training box that serves no model (its
 * contract ending within a day). Stopping an instance through the API stops its engine; starting it
 * boots the engine again after a few seconds. The proxy reaches them through its real adapters,
 * exactly as it would a real account (HTTP, SSH and tunnels), with an SSH key and host-key file of
 * the demo's own, so the user's are never touched.
 */
public final class DemoFleet implements AutoCloseable {
  /** How often GPU figures change and the flaky engine is reconsidered. */
  private static final Duration TICK = Duration.ofSeconds(2);

  /** The flaky engine fails for this many ticks out of every cycle. */
  private static final int FLAKY_CYCLE_TICKS = 30;

  private static final int FLAKY_DOWN_TICKS = 6;

  /**
   * In a cycle where vast.ai reports the flaky instance stopped, its engine dies this much later.
   */
  private static final int STOPPED_TO_DEAD_TICKS = 3;

  private final FakeVastApi api;
  private final Secret apiKey;
  private final Path folder;
  private final Path sshKey;
  private final List<Member> members = new ArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "vastproxy-demo");
            thread.setDaemon(true);
            return thread;
          });
  private long ticks;

  /** The training box's id. */
  static final long TRAINING_BOX = 31814300;

  private final double trainingBoxEnd = System.currentTimeMillis() / 1000.0 + 20 * 3600;

  private DemoFleet(String key) throws IOException {
    this.apiKey = Secret.of(key);
    this.folder = Files.createTempDirectory("vastproxy-demo");
    this.sshKey = DemoSshKey.write(folder.resolve("id_rsa"));
    this.api = FakeVastApi.start(key);
  }

  /** Starts the fake API and engines. */
  public static DemoFleet start() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    DemoFleet demo;
    try {
      demo = new DemoFleet("demo-" + HexFormat.of().formatHex(random));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the demo's SSH key", e);
    }
    // A mixed fleet, as rented fleets are: the H100 runs eight generations at 20 ms a token, the
    // 4090 two at 60 ms, so least-load routing (and the dashboard's load lines) show the
    // difference.
    demo.add(31812887, EngineKind.VLLM, "Qwen/Qwen3-8B", "RTX 4090", 2, 0.64, false);
    demo.members.get(0).engine().setTiming(Duration.ofMillis(600), Duration.ofMillis(60), 120);
    demo.add(
        31814215,
        EngineKind.SGLANG,
        "QuantTrio/Qwen3-VL-32B-Thinking-AWQ",
        "RTX 5090",
        2,
        0.92,
        false);
    demo.add(31814222, EngineKind.VLLM, "Qwen/Qwen3-8B", "H100 SXM", 4, 8.12, true);
    demo.members.get(2).engine().setTiming(Duration.ofMillis(200), Duration.ofMillis(20), 120);
    demo.add(
        31814239,
        EngineKind.SGLANG,
        "QuantTrio/Qwen3-VL-32B-Thinking-AWQ",
        "RTX 5090",
        1,
        0.47,
        false);
    demo.tick();
    demo.ticker.scheduleAtFixedRate(
        demo::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    return demo;
  }

  /** Where the fake vast.ai API answers. */
  public URI apiUrl() {
    return api.baseUri();
  }

  /** The key the fake API accepts. */
  public Secret apiKey() {
    return apiKey;
  }

  /** The private key the fake SSH daemons accept. */
  public Path sshKey() {
    return sshKey;
  }

  /** Where the proxy remembers the demo hosts' keys (not the user's own file). */
  public Path knownHosts() {
    return folder.resolve("known_hosts");
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    members.forEach(Member::close);
    api.close();
    try (var files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is no harm
    }
  }

  private void add(
      long id, EngineKind kind, String model, String gpu, int gpus, double dollars, boolean flaky) {
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    FakeEngine engine =
        FakeEngine.builder()
            .kind(kind)
            .model(model)
            .bearerToken(token)
            .timing(Duration.ofMillis(400), Duration.ofMillis(40), 120)
            .load(loadProfile(gpu, kind))
            .watchPeriod(Duration.ofMillis(100))
            .start();
    FakeSshHost ssh =
        FakeSshHost.start(
            new GpuFigures(
                gpus, memoryOf(gpu), engine::activeGenerations, RandomGenerator.getDefault()));
    members.add(new Member(id, kind, model, gpu, gpus, dollars, flaky, token, engine, ssh));
  }

  /**
   * Concurrent generations by GPU (an H100 holds more than a 4090), and, for one SGLang box, an
   * older image without {@code /v1/loads} whose metrics use the {@code sglang_} prefix.
   */
  private static EngineLoadProfile loadProfile(String gpu, EngineKind kind) {
    EngineLoadProfile profile = EngineLoadProfile.unlimited();
    if (gpu.startsWith("H100")) {
      return profile.withConcurrent(8);
    }
    if (gpu.equals("RTX 4090")) {
      return profile.withConcurrent(2);
    }
    return kind == EngineKind.SGLANG ? profile.withConcurrent(4).olderSglang("sglang_") : profile;
  }

  private synchronized void tick() {
    ticks++;
    if (ticks == 1) {
      api.putInstance(trainingBox());
    } else {
      api.refreshInstance(trainingBox());
    }
    for (Member member : members) {
      boolean running = api.status(member.id).map("running"::equals).orElse(ticks == 1);
      String status = member.flaky && running ? flakyStatus(member.engine) : "running";
      double busy = Math.min(100, member.engine.activeGenerations() * 35.0 + Math.random() * 4);
      FakeVastInstance row =
          FakeVastInstance.running(member.id)
              .publicIp("127.0.0.1")
              .servedOn(member.engine.port())
              .jupyterToken(member.token)
              .gpus(member.gpu, member.gpus)
              .gpuLoad(busy, 31 + busy * 0.45)
              .status(status)
              .dollarsPerHour(member.dollars)
              .port(22, member.ssh.port())
              .ssh("127.0.0.1", member.ssh.port());
      // The engine's own port as its --port, so the ssh-tunnel transport reaches it too.
      String args = "--host 127.0.0.1 --port " + member.engine.port();
      row =
          member.kind == EngineKind.SGLANG
              ? row.sglang(member.model).env("SGLANG_ARGS", args)
              : row.vllm(member.model).env("VLLM_ARGS", args);
      if (ticks == 1) {
        api.putInstance(row);
        // Stopping the instance stops its engine; starting it boots the engine again.
        api.bindEngine(member.id, member.engine);
      } else {
        // Keeps the label and state the API owns (stopped by the idle guard, destroyed...).
        api.refreshInstance(row);
      }
    }
  }

  /**
   * A training box on the same account: never serves a model, so the proxy shows it but never stops
   * or destroys it; its contract ends within a day, which the dashboard flags.
   */
  private FakeVastInstance trainingBox() {
    return FakeVastInstance.running(TRAINING_BOX)
        .trainingBox()
        .publicIp("127.0.0.1")
        .gpus("RTX 3090", 1)
        .gpuLoad(97.0, 78.0)
        .dollarsPerHour(0.21)
        .endDate(trainingBoxEnd);
  }

  /**
   * The flaky engine's cycle and the status vast.ai lists for it: up, then down for a few ticks,
   * every other time as a crash (its streams cut mid-answer, to be resumed elsewhere by the proxy)
   * and otherwise as an instance vast.ai reports stopped while its engine still streams for a few
   * seconds, as a stopping container does (the proxy moves its streams when discovery sees it).
   */
  private String flakyStatus(FakeEngine engine) {
    long inCycle = ticks % FLAKY_CYCLE_TICKS;
    long downAt = FLAKY_CYCLE_TICKS - FLAKY_DOWN_TICKS;
    boolean stopping = (ticks / FLAKY_CYCLE_TICKS) % 2 == 1;
    if (inCycle < downAt) {
      if (engine.fault() != Fault.NONE) {
        engine.restart();
      }
      return "running";
    }
    if (inCycle == (stopping ? downAt + STOPPED_TO_DEAD_TICKS : downAt)) {
      engine.crash();
    }
    return stopping ? "stopped" : "running";
  }

  /** One simulated instance. */
  private record Member(
      long id,
      EngineKind kind,
      String model,
      String gpu,
      int gpus,
      double dollars,
      boolean flaky,
      String token,
      FakeEngine engine,
      FakeSshHost ssh) {
    void close() {
      engine.close();
      ssh.close();
    }
  }

  private static long memoryOf(String gpu) {
    if (gpu.startsWith("H100")) {
      return 81_559;
    }
    return gpu.contains("5090") ? 32_607 : 24_564;
  }
}
