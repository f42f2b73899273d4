package dev.vastproxy.bench.targets;

import dev.vastproxy.bench.client.Loopback;
import dev.vastproxy.simulator.engine.EngineLoadProfile;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The mock backends every target sits in front of: fake OpenAI engines on loopback whose SSE events
 * carry their send time, and a fake vast.ai API that lists them for vastproxy to discover.
 */
public final class MockFleet implements AutoCloseable {
  /** The model every engine serves. */
  public static final String MODEL = "bench-model";

  /** The bearer token every engine requires (each instance's jupyter_token). */
  public static final String TOKEN = "bench-jupyter-token";

  /** The vast.ai API key vastproxy is given. */
  public static final String API_KEY = "bench-vast-key";

  /** The first engine's instance id; the others follow in order. */
  public static final long FIRST_ID = 2001;

  private final List<FakeEngine> engines;
  private final FakeVastApi vast;

  private MockFleet(List<FakeEngine> engines, FakeVastApi vast) {
    this.engines = engines;
    this.vast = vast;
  }

  /**
   * Starts {@code count} engines, each with {@code ioThreads} IO threads, and the API that lists
   * them.
   */
  public static MockFleet start(int count, int ioThreads) {
    List<FakeEngine> engines = new ArrayList<>();
    FakeVastApi vast = FakeVastApi.start(API_KEY);
    for (int i = 0; i < count; i++) {
      FakeEngine engine =
          FakeEngine.builder()
              .model(MODEL)
              .bearerToken(TOKEN)
              .recording(false)
              .sendTimestamps(true)
              .ioThreads(ioThreads)
              .timing(Duration.ZERO, Duration.ZERO, 1)
              .start();
      engines.add(engine);
      vast.putInstance(
          FakeVastInstance.running(FIRST_ID + i)
              .vllm(MODEL)
              .servedOn(engine.port())
              .jupyterToken(TOKEN)
              .gpus("RTX 4090", 1));
    }
    return new MockFleet(List.copyOf(engines), vast);
  }

  /**
   * One engine of a mixed fleet: how many generations it runs at once (later ones queue) and the
   * time it takes per token (its time to the first token too).
   */
  public record EngineSpec(int concurrent, Duration perToken) {}

  /**
   * Starts engines of different sizes and speeds, each answering {@code tokens} tokens and
   * reporting its load in vLLM's {@code /metrics} dialect, and the API that lists them (instance
   * ids 2001 on, in order).
   */
  public static MockFleet mixed(List<EngineSpec> specs, int tokens) {
    List<FakeEngine> engines = new ArrayList<>();
    FakeVastApi vast = FakeVastApi.start(API_KEY);
    for (int i = 0; i < specs.size(); i++) {
      EngineSpec spec = specs.get(i);
      FakeEngine engine =
          FakeEngine.builder()
              .model(MODEL)
              .bearerToken(TOKEN)
              .recording(false)
              .load(EngineLoadProfile.unlimited().withConcurrent(spec.concurrent()))
              .timing(spec.perToken(), spec.perToken(), tokens)
              .start();
      engines.add(engine);
      vast.putInstance(
          FakeVastInstance.running(FIRST_ID + i)
              .vllm(MODEL)
              .servedOn(engine.port())
              .jupyterToken(TOKEN)
              .gpus("RTX 4090", 1));
    }
    return new MockFleet(List.copyOf(engines), vast);
  }

  /** Where the engines listen. */
  public List<InetSocketAddress> engines() {
    return engines.stream().map(engine -> Loopback.port(engine.port())).toList();
  }

  /** The fake vast.ai API's base URI. */
  public URI vastApi() {
    return vast.baseUri();
  }

  /** How many engines there are. */
  public int size() {
    return engines.size();
  }

  /** Kills engine {@code index} mid-stream: its streams are cut, its port refuses connections. */
  public void crash(int index) {
    engines.get(index).crash();
  }

  /** Brings engine {@code index} back on its port after {@link #crash}. */
  public void restart(int index) {
    engines.get(index).restart();
  }

  /** Requests the engines received, all together. */
  public long requests() {
    return engines.stream().mapToLong(FakeEngine::requestCount).sum();
  }

  @Override
  public void close() {
    engines.forEach(FakeEngine::close);
    vast.close();
  }
}
