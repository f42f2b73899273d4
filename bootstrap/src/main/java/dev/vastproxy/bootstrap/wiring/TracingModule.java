package dev.vastproxy.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.adapters.http.tracing.OtlpTracing;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;

/**
 * Tracing: the OpenTelemetry SDK and its exporter exist only when an OTLP endpoint is set; without
 * one nothing of it is built and requests take the plain path.
 */
@Module
final class TracingModule {
  private static final System.Logger LOG = System.getLogger(TracingModule.class.getName());

  private TracingModule() {}

  @Provides
  @Singleton
  static Optional<OtlpTracing> tracing(VastProxyConfig config, ReplicaState replica) {
    return config
        .otlpEndpoint()
        .map(
            endpoint -> {
              LOG.log(Level.INFO, "tracing: a span per proxied request goes to {0}", endpoint);
              return OtlpTracing.start(endpoint, replica.name(), HttpModule.version());
            });
  }

  /** Closed at stop, after in-flight requests: sends the last spans. */
  @Provides
  @ElementsIntoSet
  static Set<AutoCloseable> tracingResources(Optional<OtlpTracing> tracing) {
    return tracing.isPresent() ? Set.of(tracing.get()) : Set.of();
  }
}
