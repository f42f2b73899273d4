package dev.vastproxy.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.vastproxy.adapters.http.HttpRuntime;
import dev.vastproxy.adapters.http.admin.AdminHandler;
import dev.vastproxy.adapters.http.engine.PrometheusEngineLoadAdapter;
import dev.vastproxy.adapters.http.engine.UndertowAbortAdapter;
import dev.vastproxy.adapters.http.engine.UndertowProbeAdapter;
import dev.vastproxy.adapters.http.front.ClientKeys;
import dev.vastproxy.adapters.http.front.DrainHandler;
import dev.vastproxy.adapters.http.front.FrontEndLimits;
import dev.vastproxy.adapters.http.front.ModelsHandler;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.adapters.http.front.RootHandler;
import dev.vastproxy.adapters.http.load.RescueProxyObserver;
import dev.vastproxy.adapters.http.load.TeeProxyObserver;
import dev.vastproxy.adapters.http.load.TimingProxyObserver;
import dev.vastproxy.adapters.http.metrics.ContractEndMetrics;
import dev.vastproxy.adapters.http.metrics.EngineLoadMetrics;
import dev.vastproxy.adapters.http.metrics.FleetMetrics;
import dev.vastproxy.adapters.http.metrics.MicrometerProxyObserver;
import dev.vastproxy.adapters.http.metrics.RuntimeMetrics;
import dev.vastproxy.adapters.http.metrics.ScrapeFleetView;
import dev.vastproxy.adapters.http.metrics.TokenMetrics;
import dev.vastproxy.adapters.http.relay.ProxyHandler;
import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.ProxySettings;
import dev.vastproxy.adapters.http.relay.StreamsOnInstances;
import dev.vastproxy.adapters.http.tracing.OtlpTracing;
import dev.vastproxy.adapters.http.upstream.BackendCall;
import dev.vastproxy.adapters.http.upstream.BackendConnections;
import dev.vastproxy.adapters.http.upstream.BackendTls;
import dev.vastproxy.application.port.in.AbortAllUseCase;
import dev.vastproxy.application.port.in.CountRescuesUseCase;
import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.HoldRequestUseCase;
import dev.vastproxy.application.port.in.ListModelsUseCase;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.application.port.in.RecordRequestTimingUseCase;
import dev.vastproxy.application.port.in.RecordTokensUseCase;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import dev.vastproxy.application.port.out.AbortEnginePort;
import dev.vastproxy.application.port.out.ProbeBackendPort;
import dev.vastproxy.application.port.out.ReadEngineLoadPort;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.xnio.OptionMap;
import org.xnio.Options;

/** HTTP: the proxy front end, backend connections, health probes and aborts. */
@Module(includes = TracingModule.class)
public final class HttpModule {
  /** behaviour.md §4: a health check may take 5 s. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * A load read that takes longer than this has failed: the figures would be old by the time they
   * arrive (readings older than three load intervals are ignored anyway).
   */
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(2);

  /** An abort that takes longer than this has failed. */
  static final Duration ABORT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Idle backend connections kept per backend and IO thread. A burst of streams that ends leaves
   * its connections ready for the next burst, so new streams skip a connect (64 cost about 3 ms of
   * added p99 time to first byte with 1,000 streams in the benchmark); engines close idle ones
   * after their keep-alive time anyway.
   */
  static final int IDLE_CONNECTIONS = 1024;

  /**
   * How long an idle backend connection is kept for reuse: below the 5 s after which uvicorn (vLLM,
   * SGLang) and llama.cpp close idle keep-alive connections, so the proxy rarely writes a request
   * into a connection the engine is closing (such a request cannot be sent again).
   */
  static final Duration IDLE_CONNECTION_AGE = Duration.ofSeconds(3);

  private HttpModule() {}

  @Provides
  @Singleton
  static HttpRuntime runtime() {
    return HttpRuntime.start(Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  @Provides
  @Singleton
  static ProxySettings settings(VastProxyConfig config) {
    return ProxySettings.DEFAULTS
        .withPeekMemoryLimit(config.routing().bodyMemory())
        .withRetries(config.routing().retries(), config.routing().resumes());
  }

  @Provides
  @Singleton
  static FrontEndLimits limits(VastProxyConfig config) {
    return FrontEndLimits.DEFAULTS.withTimeouts(
        config.front().headerTimeout(), config.front().keepAliveIdle());
  }

  @Provides
  @Singleton
  static BackendTls tls() {
    return new BackendTls();
  }

  @Provides
  @Singleton
  static BackendConnections connections(
      HttpRuntime runtime, ProxySettings settings, BackendTls tls) {
    return new BackendConnections(
        runtime.bufferPool(),
        OptionMap.builder().set(Options.TCP_NODELAY, true).set(Options.KEEP_ALIVE, true).getMap(),
        settings.connectTimeout(),
        IDLE_CONNECTIONS,
        IDLE_CONNECTION_AGE,
        tls);
  }

  @Provides
  @Singleton
  static BackendCall calls(BackendConnections connections, HttpRuntime runtime) {
    return new BackendCall(connections, runtime.worker());
  }

  @Provides
  @Singleton
  static ProbeBackendPort probes(BackendCall calls, BackendTls tls) {
    return new UndertowProbeAdapter(calls, tls, PROBE_TIMEOUT);
  }

  @Provides
  @Singleton
  static ReadEngineLoadPort engineLoads(BackendCall calls) {
    return new PrometheusEngineLoadAdapter(calls, LOAD_TIMEOUT);
  }

  @Provides
  @Singleton
  static AbortEnginePort aborts(BackendCall calls) {
    return new UndertowAbortAdapter(calls, ABORT_TIMEOUT);
  }

  @Provides
  @Singleton
  static ReplicaState replica(VastProxyConfig config) {
    return new ReplicaState(config.replica().name());
  }

  /**
   * Every meter carries {@code replica="<name>"}, set here before any meter exists, so a Prometheus
   * scraping several replicas can tell their series apart without relabelling.
   */
  @Provides
  @Singleton
  static PrometheusMeterRegistry registry(ReplicaState replica) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("replica", replica.name());
    return registry;
  }

  /**
   * The request meters; the process meters are bound here too, once, after the registry and its
   * common tags exist (the proxy observer is built at start-up with the front end).
   */
  @Provides
  @Singleton
  static MicrometerProxyObserver requestMetrics(PrometheusMeterRegistry registry) {
    RuntimeMetrics.bindTo(registry, version());
    return new MicrometerProxyObserver(registry);
  }

  /** The version in the jar's manifest; {@code dev} when run from classes. */
  static String version() {
    String version = HttpModule.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** Metrics and measured speed hear every request; a tracer too when tracing is on. */
  @Provides
  static ProxyObserver observer(
      MicrometerProxyObserver metrics,
      RecordRequestTimingUseCase timing,
      CountRescuesUseCase rescues,
      Optional<OtlpTracing> tracing) {
    ProxyObserver observer =
        new TeeProxyObserver(
            metrics,
            new TeeProxyObserver(
                new TimingProxyObserver(timing), new RescueProxyObserver(rescues)));
    return tracing.isPresent()
        ? new TeeProxyObserver(observer, tracing.get().observer())
        : observer;
  }

  /** The streams relayed per instance: they move off an instance that leaves the fleet. */
  @Provides
  @Singleton
  static StreamsOnInstances streams() {
    return new StreamsOnInstances();
  }

  /** What the fleet gauges read: one view per scrape of {@code /metrics}, not one per gauge. */
  @Provides
  @Singleton
  static ScrapeFleetView scrapes(ObserveFleetUseCase fleet) {
    return new ScrapeFleetView(fleet);
  }

  @Provides
  @Singleton
  static FleetMetrics fleetMetrics(PrometheusMeterRegistry registry, ScrapeFleetView fleet) {
    return new FleetMetrics(registry, fleet);
  }

  @Provides
  @Singleton
  static TokenMetrics tokenMetrics(PrometheusMeterRegistry registry, ScrapeFleetView fleet) {
    return new TokenMetrics(registry, fleet);
  }

  @Provides
  @Singleton
  static ContractEndMetrics contractEndMetrics(
      PrometheusMeterRegistry registry, ScrapeFleetView fleet) {
    return new ContractEndMetrics(registry, fleet);
  }

  @Provides
  @Singleton
  static EngineLoadMetrics engineLoadMetrics(PrometheusMeterRegistry registry) {
    return new EngineLoadMetrics(registry);
  }

  @Provides
  @Singleton
  static AdminHandler admin(
      ObserveFleetUseCase fleet,
      AbortAllUseCase abortAll,
      DestroyAllUseCase destroyAll,
      PrometheusMeterRegistry registry,
      ScrapeFleetView scrapes,
      ReplicaState replica) {
    return new AdminHandler(fleet, abortAll, destroyAll, registry, scrapes, replica);
  }

  @Provides
  @Singleton
  static DrainHandler front(RootHandler root, ReplicaState replica) {
    return new DrainHandler(root, replica);
  }

  @Provides
  @Singleton
  static RootHandler root(
      VastProxyConfig config,
      RouteRequestUseCase routing,
      ReportBackendFailureUseCase failures,
      HoldRequestUseCase waitingRoom,
      ListModelsUseCase models,
      BackendConnections connections,
      HttpRuntime runtime,
      ProxySettings settings,
      ProxyObserver observer,
      RecordTokensUseCase tokens,
      StreamsOnInstances streams,
      AdminHandler admin) {
    return new RootHandler(
        new ClientKeys(config.front().clientApiKeys()),
        new ModelsHandler(models),
        admin,
        new ProxyHandler(
            routing,
            failures,
            waitingRoom,
            connections,
            runtime.bufferPool(),
            settings,
            observer,
            tokens,
            streams));
  }
}
