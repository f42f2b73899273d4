package dev.vastproxy.bootstrap.demo;

import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.Fault;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated vast.ai account on loopback for {@code --demo}: a fake vast.ai API listing fake
 * SGLang and vLLM engines that stream tokens, of different GPU counts, one of which fails now and
 * then. The proxy reaches them through its real adapters, exactly as it would a real account.
 */
public final class DemoFleet implements AutoCloseable {
  /** How often GPU figures change and the flaky engine is reconsidered. */
  private static final Duration TICK = Duration.ofSeconds(2);

  /** The flaky engine fails for this many ticks out of every cycle. */
  private static final int FLAKY_CYCLE_TICKS = 30;

  private static final int FLAKY_DOWN_TICKS = 6;

  private final FakeVastApi api;
  private final Secret apiKey;
  private final List<Member> members = new ArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "vastproxy-demo");
            thread.setDaemon(true);
            return thread;
          });
  private long ticks;

  private DemoFleet(String key) {
    this.apiKey = Secret.of(key);
    this.api = FakeVastApi.start(key);
  }

  /** Starts the fake API and engines. */
  public static DemoFleet start() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    DemoFleet demo = new DemoFleet("demo-" + HexFormat.of().formatHex(random));
    demo.add(31812887, EngineKind.VLLM, "Qwen/Qwen3-8B", "RTX 4090", 2, 0.64, false);
    demo.add(
        31814215,
        EngineKind.SGLANG,
        "QuantTrio/Qwen3-VL-32B-Thinking-AWQ",
        "RTX 5090",
        2,
        0.92,
        false);
    demo.add(31814222, EngineKind.VLLM, "Qwen/Qwen3-8B", "H100 SXM", 4, 8.12, true);
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

  @Override
  public void close() {
    ticker.shutdownNow();
    members.forEach(member -> member.engine.close());
    api.close();
  }

  private void add(
      long id, EngineKind kind, String model, String gpu, int gpus, double dollars, boolean flaky) {
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    FakeEngine engine =
        FakeEngine.builder()
            .kind(kind)
            .model(model)
            .bearerToken(token)
            .timing(Duration.ofMillis(250), Duration.ofMillis(30), 48)
            .watchPeriod(Duration.ofMillis(100))
            .start();
    members.add(new Member(id, kind, model, gpu, gpus, dollars, flaky, token, engine));
  }

  private synchronized void tick() {
    ticks++;
    for (Member member : members) {
      if (member.flaky) {
        boolean down = ticks % FLAKY_CYCLE_TICKS >= FLAKY_CYCLE_TICKS - FLAKY_DOWN_TICKS;
        member.engine.setFault(down ? Fault.HTTP_500 : Fault.NONE);
      }
      double busy = Math.min(100, member.engine.activeGenerations() * 35.0 + Math.random() * 4);
      FakeVastInstance row =
          FakeVastInstance.running(member.id)
              .publicIp("127.0.0.1")
              .servedOn(member.engine.port())
              .jupyterToken(member.token)
              .gpus(member.gpu, member.gpus)
              .gpuLoad(busy, 31 + busy * 0.45)
              .dollarsPerHour(member.dollars);
      row = member.kind == EngineKind.SGLANG ? row.sglang(member.model) : row.vllm(member.model);
      String label = api.label(member.id).orElse(null);
      if (label != null) {
        row = row.label(label);
      }
      api.putInstance(row);
    }
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
      FakeEngine engine) {}
}
