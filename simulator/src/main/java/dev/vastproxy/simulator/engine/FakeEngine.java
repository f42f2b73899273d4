package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A fake OpenAI-compatible inference server (SGLang or vLLM) on loopback: model list, chat and text
 * completions and Responses streamed or not, {@code /health}, SGLang's {@code /abort_request}; with
 * configurable timing, a required bearer token, fault injection, and a record of every request and
 * of when its connection closed, so tests can see aborts. Its parts: the {@link EngineListener},
 * the {@link EngineRoutes}, the {@link RequestLog} and the {@link EngineFaults}.
 */
public final class FakeEngine implements AutoCloseable {
  private final long watchPeriodMillis;
  private final EngineSettings settings;
  private final RequestLog log;
  private final Generations generations = new Generations();
  private final EngineSlots slots;
  private final EngineListener listener;
  private final EngineFaults faults;
  private final EngineRoutes routes;

  private FakeEngine(Builder builder) {
    this.watchPeriodMillis = builder.watchPeriodMillis;
    this.settings = new EngineSettings(builder);
    this.log = new RequestLog(builder.recordLimit, builder.recording);
    this.slots = new EngineSlots(builder.load.concurrent());
    this.listener =
        new EngineListener(
            builder.ioThreads, this::handle, builder.port, Optional.ofNullable(builder.tls));
    this.faults = new EngineFaults(listener);
    this.routes =
        new EngineRoutes(
            this, settings, faults, log, new LoadPages(builder.kind, builder.load, slots));
    listener.start();
  }

  /** Settings for a new engine. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>} (an HTTPS engine redirects plain HTTP there to https). */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + listener.port());
  }

  /** Presents another certificate from now on (HTTPS engines only). */
  public synchronized void setTlsIdentity(TlsIdentity identity) {
    faults.setTlsIdentity(identity);
  }

  /** The port it listens on. */
  public int port() {
    return listener.port();
  }

  /** Which engine it imitates. */
  public EngineKind kind() {
    return settings.kind();
  }

  /** The model it serves now. */
  public String model() {
    return settings.model();
  }

  /** Serves another model from now on. */
  public void setModel(String newModel) {
    settings.setModel(newModel);
  }

  /** Changes the timing of the next requests. */
  public void setTiming(Duration timeToFirstToken, Duration delayBetweenTokens, int tokenCount) {
    settings.setTiming(timeToFirstToken, delayBetweenTokens, tokenCount);
  }

  /** Misbehaves from now on (or stops misbehaving with {@link Fault#NONE}). */
  public synchronized void setFault(Fault newFault) {
    faults.set(newFault);
  }

  /**
   * Dies as an engine whose instance was stopped or whose host vanished: every generation under way
   * stops mid-answer (its connection closed, no {@code [DONE]}), and connections are refused until
   * {@link #restart()}.
   */
  public synchronized void crash() {
    generations.killAll();
    setFault(Fault.REFUSE_CONNECTIONS);
  }

  /** Comes back after {@link #crash()}, on the same port, answering normally. */
  public synchronized void restart() {
    setFault(Fault.NONE);
  }

  /** The fault shown now. */
  public Fault fault() {
    return faults.current();
  }

  /** Every request received (the most recent ones, up to the record limit), oldest first. */
  public List<RecordedRequest> requests() {
    return log.requests();
  }

  /** How many requests were received. */
  public int requestCount() {
    return log.count();
  }

  /** Completions being generated now. */
  public int activeGenerations() {
    return generations.count();
  }

  /** Completions waiting for a free generation slot (see {@link EngineLoadProfile}). */
  public int queuedGenerations() {
    return slots.waiting();
  }

  /** Completions whose client went away before the engine finished them. */
  public long abandonedGenerations() {
    return generations.abandoned();
  }

  /** Client connections open now, whether or not they carried a request. */
  public int openConnections() {
    return listener.openConnections();
  }

  /** How many times {@code /abort_request} with {@code abort_all} was called. */
  public long abortAllCalls() {
    return generations.abortAllCalls();
  }

  @Override
  public synchronized void close() {
    faults.close();
  }

  EngineSlots slots() {
    return slots;
  }

  long watchPeriodMillis() {
    return watchPeriodMillis;
  }

  Generations generations() {
    return generations;
  }

  // The listener is built before the routes it serves, and started only once they exist.
  private void handle(HttpServerExchange exchange) {
    routes.handleRequest(exchange);
  }

  /** Settings for a {@link FakeEngine}. */
  public static final class Builder {
    // Package-private: EngineSettings takes what stays with the engine straight from here.
    EngineKind kind = EngineKind.VLLM;
    String model = "Qwen/Qwen3-8B";
    String bearerToken;
    Duration ttft = Duration.ofMillis(20);
    Duration interTokenDelay = Duration.ofMillis(10);
    int tokens = 8;
    int port;
    int ioThreads = 2;
    int recordLimit = 10_000;
    boolean recording = true;
    long watchPeriodMillis = 20;
    TlsIdentity tls;
    boolean timestamps;
    int maxModelLen = 32_768;
    EngineLoadProfile load = EngineLoadProfile.unlimited();

    private Builder() {}

    /**
     * Whether each streamed token event carries the engine's {@link System#nanoTime()} as a {@code
     * "t"} field (default false: real engines send no such field); the benchmark turns it on to
     * measure delivery latency on one host.
     */
    public Builder sendTimestamps(boolean value) {
      this.timestamps = value;
      return this;
    }

    /** The context length its model list reports as {@code max_model_len} (default 32,768). */
    public Builder maxModelLen(int value) {
      this.maxModelLen = value;
      return this;
    }

    /** Concurrent generations and load reports (default: no limit, metrics served). */
    public Builder load(EngineLoadProfile value) {
      this.load = value;
      return this;
    }

    /** Serve HTTPS with this certificate, redirecting plain HTTP on the same port to https. */
    public Builder tls(TlsIdentity identity) {
      this.tls = identity;
      return this;
    }

    /** SGLang or vLLM (default vLLM). */
    public Builder kind(EngineKind value) {
      this.kind = value;
      return this;
    }

    /** The model id it serves. */
    public Builder model(String value) {
      this.model = value;
      return this;
    }

    /** Requests must carry {@code Authorization: Bearer <token>}. */
    public Builder bearerToken(String value) {
      this.bearerToken = value;
      return this;
    }

    /** Time to first token, delay between tokens, tokens per completion. */
    public Builder timing(Duration timeToFirstToken, Duration delayBetweenTokens, int tokenCount) {
      this.ttft = timeToFirstToken;
      this.interTokenDelay = delayBetweenTokens;
      this.tokens = tokenCount;
      return this;
    }

    /** The port to listen on (default: any free one). */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** IO threads (default 2). */
    public Builder ioThreads(int value) {
      this.ioThreads = value;
      return this;
    }

    /** How many requests to keep for inspection (default 10,000). */
    public Builder recordLimit(int value) {
      this.recordLimit = value;
      return this;
    }

    /**
     * Whether to keep each request and watch its connection (default true); benchmarks turn it off,
     * so that millions of requests cost no memory and {@link #requests()} stays empty.
     */
    public Builder recording(boolean value) {
      this.recording = value;
      return this;
    }

    /** How often a silent request checks whether its client left (default 20 ms). */
    public Builder watchPeriod(Duration value) {
      this.watchPeriodMillis = Math.max(1, value.toMillis());
      return this;
    }

    /** Starts the engine. */
    public FakeEngine start() {
      return new FakeEngine(this);
    }
  }
}
