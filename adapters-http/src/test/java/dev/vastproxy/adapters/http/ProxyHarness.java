package dev.vastproxy.adapters.http;

import dev.vastproxy.adapters.http.engine.UndertowAbortAdapter;
import dev.vastproxy.adapters.http.front.ClientKeys;
import dev.vastproxy.adapters.http.front.DrainHandler;
import dev.vastproxy.adapters.http.front.FrontEndLimits;
import dev.vastproxy.adapters.http.front.HttpFrontEnd;
import dev.vastproxy.adapters.http.front.ModelsHandler;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.adapters.http.front.RootHandler;
import dev.vastproxy.adapters.http.load.RescueProxyObserver;
import dev.vastproxy.adapters.http.load.TeeProxyObserver;
import dev.vastproxy.adapters.http.load.TimingProxyObserver;
import dev.vastproxy.adapters.http.relay.ProxyHandler;
import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.ProxySettings;
import dev.vastproxy.adapters.http.relay.StreamsOnInstances;
import dev.vastproxy.adapters.http.upstream.BackendCall;
import dev.vastproxy.adapters.http.upstream.BackendConnections;
import dev.vastproxy.adapters.http.upstream.BackendTls;
import dev.vastproxy.application.port.out.AbortEnginePort;
import dev.vastproxy.application.port.out.ModelDemandListener;
import dev.vastproxy.application.service.KnownModels;
import dev.vastproxy.application.service.RequestStatistics;
import dev.vastproxy.application.service.RequestTimingService;
import dev.vastproxy.application.service.RescueCountService;
import dev.vastproxy.application.service.RoutingService;
import dev.vastproxy.application.service.TokenAccountingService;
import dev.vastproxy.application.service.WaitingRoom;
import dev.vastproxy.application.service.WaitingRoomSettings;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.Reconciliation;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.domain.routing.QueueLimit;
import dev.vastproxy.domain.routing.RoundRobinPolicy;
import dev.vastproxy.domain.routing.RouteSelector;
import dev.vastproxy.domain.routing.SelectionPolicy;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.FakeEngine;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.ResponseCodeHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.xnio.OptionMap;
import org.xnio.Options;

/** A proxy on loopback in front of fake engines, each enrolled as a HEALTHY backend. */
public final class ProxyHarness implements AutoCloseable {
  /** Instance ids start here, one per engine in order. */
  public static final long FIRST_ID = 101;

  public final List<FakeEngine> engines = new ArrayList<>();
  private final List<Instance> instances = new ArrayList<>();
  public final Fleet fleet = new Fleet();
  public final TokenAccountingService tokens = new TokenAccountingService(fleet);
  public final RequestStatistics statistics;
  public final RoutingService routing;
  public final WaitingRoom waitingRoom;
  private final ScheduledExecutorService roomTimer = Executors.newSingleThreadScheduledExecutor();
  public final HttpRuntime runtime;
  public final BackendConnections connections;
  public final HttpFrontEnd front;

  /** The continuable streams by instance; they move when the fleet drops their instance. */
  public final StreamsOnInstances streams = new StreamsOnInstances();

  /** The replica the front door serves as; a test may make it drain. */
  public final ReplicaState replica = new ReplicaState("harness");

  private ProxyHarness(Builder builder) {
    runtime = HttpRuntime.start(builder.ioThreads);
    Clock clock = Clock.systemUTC();
    statistics = new RequestStatistics(clock);
    KnownModels known = new KnownModels(clock);
    fleet.addListener(known);
    fleet.addListener(streams);
    routing =
        new RoutingService(
            fleet,
            new RouteSelector(builder.policy, builder.stickyLimit),
            statistics,
            known,
            clock,
            new QueueLimit(builder.waiting.queueLimit()),
            Runnable::run);
    waitingRoom =
        new WaitingRoom(
            fleet,
            builder.waiting,
            (delay, task) -> {
              ScheduledFuture<?> later =
                  roomTimer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
              return () -> later.cancel(false);
            },
            ModelDemandListener.NONE);
    fleet.addListener(waitingRoom);
    for (int i = 0; i < builder.backends; i++) {
      long id = FIRST_ID + i;
      FakeEngine.Builder engine =
          FakeEngine.builder()
              .bearerToken(token(id))
              .kind(builder.kinds.get(i % builder.kinds.size()))
              .model(builder.models.get(i % builder.models.size()));
      builder.engineSettings.accept(engine);
      engines.add(engine.start());
    }
    for (int i = 0; i < engines.size(); i++) {
      instances.add(instance(FIRST_ID + i, engines.get(i)));
    }
    Instant now = clock.instant();
    fleet.update(f -> Reconciliation.apply(f, instances, Transport.DIRECT, now));
    for (int i = 0; i < engines.size(); i++) {
      markHealthy(FIRST_ID + i);
    }
    connections =
        new BackendConnections(
            runtime.bufferPool(),
            OptionMap.builder().set(Options.TCP_NODELAY, true).getMap(),
            builder.settings.connectTimeout(),
            builder.idleConnections,
            Duration.ofSeconds(3),
            new BackendTls());
    ProxyHandler proxy =
        new ProxyHandler(
            routing,
            routing,
            waitingRoom,
            connections,
            runtime.bufferPool(),
            builder.settings,
            new TeeProxyObserver(
                builder.measured
                    ? new TeeProxyObserver(
                        builder.observer, new TimingProxyObserver(new RequestTimingService(fleet)))
                    : builder.observer,
                new RescueProxyObserver(new RescueCountService(fleet, statistics))),
            tokens,
            streams);
    front =
        HttpFrontEnd.start(
            runtime,
            "127.0.0.1",
            0,
            new DrainHandler(
                new RootHandler(
                    new ClientKeys(builder.clientKeys),
                    new ModelsHandler(routing),
                    builder.admin.apply(this),
                    proxy),
                replica),
            builder.limits);
  }

  /** A harness with the given number of vLLM engines serving {@code Qwen/Qwen3-8B}. */
  public static Builder builder(int backends) {
    return new Builder(backends);
  }

  /** The bearer token of an instance's engine. */
  public static String token(long id) {
    return "instance-token-" + id;
  }

  /** The instance that enrols an engine. */
  public static Instance instance(long id, FakeEngine engine) {
    return Instance.builder(id)
        .running()
        .address("127.0.0.1")
        .portMapping(8000, engine.port())
        .env(engine.kind() == EngineKind.SGLANG ? "SGLANG_MODEL" : "VLLM_MODEL", engine.model())
        .gpuName("RTX 5090")
        .gpuCount(2)
        .token(token(id))
        .build();
  }

  /** A proxy URI. */
  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + front.address().getPort() + pathAndQuery);
  }

  /** The proxy's port. */
  public int port() {
    return front.address().getPort();
  }

  /** The engine behind an instance id. */
  public FakeEngine engine(long id) {
    return engines.get((int) (id - FIRST_ID));
  }

  /** The backend of an instance id now. */
  public Backend backend(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).orElseThrow();
  }

  /** Marks a backend HEALTHY with its engine's model. */
  public void markHealthy(long id) {
    markHealthy(id, engine(id).model());
  }

  /** Marks a backend HEALTHY serving a model, as a good health check would. */
  public void markHealthy(long id, String model) {
    fleet.updateBackend(new InstanceId(id), b -> b.markHealthy(Cards.of(model), Instant.now()));
  }

  /**
   * Enrols one more engine, listening on {@code port} with the harness's bearer token for {@code
   * id}, as a HEALTHY backend serving {@code model}.
   */
  public void enrol(long id, int port, String model) {
    instances.add(
        Instance.builder(id)
            .running()
            .address("127.0.0.1")
            .portMapping(8000, port)
            .env("VLLM_MODEL", model)
            .token(token(id))
            .build());
    fleet.update(f -> Reconciliation.apply(f, instances, Transport.DIRECT, Instant.now()));
    markHealthy(id, model);
  }

  /** Takes a backend out as discovery does when vast.ai no longer lists its instance as running. */
  public void remove(long id) {
    fleet.updateBackend(
        new InstanceId(id),
        b ->
            b.transitionTo(
                BackendState.REMOVING,
                Instant.now(),
                StateReason.of(StateReason.Cause.GONE, "no longer listed as running by vast.ai")));
  }

  /** The real abort out-port, over this harness's backend connections. */
  public AbortEnginePort aborts() {
    return new UndertowAbortAdapter(
        new BackendCall(connections, runtime.worker()), Duration.ofSeconds(5));
  }

  /** Requests in flight across the fleet. */
  public int inFlight() {
    return fleet.snapshot().backends().stream().mapToInt(b -> b.load().inFlight()).sum();
  }

  @Override
  public void close() {
    front.close();
    connections.close();
    runtime.close();
    engines.forEach(FakeEngine::close);
    roomTimer.shutdownNow();
  }

  /** Harness settings. */
  public static final class Builder {
    private final int backends;
    private List<String> models = List.of("Qwen/Qwen3-8B");
    private List<EngineKind> kinds = List.of(EngineKind.VLLM);
    private Function<ProxyHarness, HttpHandler> admin = proxy -> ResponseCodeHandler.HANDLE_404;
    private Consumer<FakeEngine.Builder> engineSettings = engine -> {};
    private ProxySettings settings = ProxySettings.DEFAULTS;
    private SelectionPolicy policy = new RoundRobinPolicy();
    private int stickyLimit = 32;
    private List<Secret> clientKeys = List.of();
    private ProxyObserver observer = ProxyObserver.NONE;
    private int idleConnections = 64;
    private int ioThreads = 2;
    private FrontEndLimits limits = FrontEndLimits.DEFAULTS;
    private WaitingRoomSettings waiting = WaitingRoomSettings.CLOSED;
    private boolean measured;

    private Builder(int backends) {
      this.backends = backends;
    }

    /** Models served, assigned to engines in turn. */
    public Builder models(String... served) {
      this.models = List.of(served);
      return this;
    }

    /** Engine kinds, assigned to engines in turn (default vLLM). */
    public Builder kinds(EngineKind... engineKinds) {
      this.kinds = List.of(engineKinds);
      return this;
    }

    /** Serves the proxy's own paths; made once fleet and routing exist. */
    public Builder admin(Function<ProxyHarness, HttpHandler> value) {
      this.admin = value;
      return this;
    }

    /** Changes every engine's settings. */
    public Builder engines(Consumer<FakeEngine.Builder> settings) {
      this.engineSettings = settings;
      return this;
    }

    /** The proxy's IO threads (default 2). */
    public Builder ioThreads(int value) {
      this.ioThreads = value;
      return this;
    }

    /** Idle backend connections kept per backend and IO thread (default 64). */
    public Builder idleConnections(int value) {
      this.idleConnections = value;
      return this;
    }

    /** The front end's timeouts and header limit. */
    public Builder limits(FrontEndLimits value) {
      this.limits = value;
      return this;
    }

    /** The proxy's settings. */
    public Builder settings(ProxySettings value) {
      this.settings = value;
      return this;
    }

    /** The selection policy and sticky limit. */
    public Builder policy(SelectionPolicy value, int limit) {
      this.policy = value;
      this.stickyLimit = limit;
      return this;
    }

    /** Client keys to require. */
    public Builder clientKeys(String... keys) {
      this.clientKeys = Arrays.stream(keys).map(Secret::of).toList();
      return this;
    }

    /** The waiting room (default closed: requests no backend can take are answered at once). */
    public Builder waitingRoom(WaitingRoomSettings value) {
      this.waiting = value;
      return this;
    }

    /** Measures each backend's speed from its answers, as least-load needs. */
    public Builder measured() {
      this.measured = true;
      return this;
    }

    /** Observes requests. */
    public Builder observer(ProxyObserver value) {
      this.observer = value;
      return this;
    }

    /** Starts engines and proxy. */
    public ProxyHarness start() {
      return new ProxyHarness(this);
    }
  }
}
