package dev.vastproxy.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.adapters.http.metrics.MicrometerProxyObserver;
import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.tracing.OtlpTracing;
import dev.vastproxy.application.port.in.CountRescuesUseCase;
import dev.vastproxy.application.port.in.RecordRequestTimingUseCase;
import dev.vastproxy.bootstrap.config.ConfigLoader;
import dev.vastproxy.bootstrap.config.LaunchRequest;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.domain.instance.InstanceId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without an OTLP endpoint no tracing object exists and a request gets the shared observer (no
 * per-request object, its trace headers untouched); with one, each request gets its own span.
 */
class TracingWiringTest {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @TempDir Path work;

  private static final CountRescuesUseCase NO_RESCUES = (instance, rescue) -> {};

  private static final RecordRequestTimingUseCase TIMING =
      new RecordRequestTimingUseCase() {
        @Override
        public void firstByte(InstanceId backend, long nanos) {}

        @Override
        public void completed(InstanceId backend, long nanos) {}
      };

  private VastProxyConfig config(String... args) throws Exception {
    LaunchRequest request = new ConfigLoader(Map.of("VAST_API_KEY", "vk"), work, work).load(args);
    return ((LaunchRequest.Run) request).config();
  }

  private static HttpServerExchange exchange() {
    HttpServerExchange exchange = new HttpServerExchange(null);
    exchange.getRequestHeaders().put(new HttpString("traceparent"), TRACEPARENT);
    exchange.setRequestMethod(new HttpString("POST"));
    exchange.setRequestPath("/v1/chat/completions");
    return exchange;
  }

  @Test
  void withoutAnEndpointRequestsTakeThePlainPath() throws Exception {
    Optional<OtlpTracing> tracing = TracingModule.tracing(config(), new ReplicaState("r"));
    ProxyObserver observer =
        HttpModule.observer(
            new MicrometerProxyObserver(new SimpleMeterRegistry()), TIMING, NO_RESCUES, tracing);
    HttpServerExchange exchange = exchange();

    assertThat(tracing).isEmpty();
    assertThat(TracingModule.tracingResources(tracing)).isEmpty();
    assertThat(observer.arrived(exchange)).isSameAs(observer);
    assertThat(exchange.getRequestHeaders().getFirst("traceparent")).isEqualTo(TRACEPARENT);
  }

  @Test
  void withAnEndpointEachRequestIsTracedAndTheTracingClosesAtStop() throws Exception {
    Optional<OtlpTracing> tracing =
        TracingModule.tracing(
            config("--otlp-endpoint", "http://127.0.0.1:9/v1/traces"), new ReplicaState("r"));
    try {
      ProxyObserver observer =
          HttpModule.observer(
              new MicrometerProxyObserver(new SimpleMeterRegistry()), TIMING, NO_RESCUES, tracing);
      HttpServerExchange exchange = exchange();

      assertThat(TracingModule.tracingResources(tracing)).containsExactly(tracing.get());
      assertThat(observer.arrived(exchange)).isNotSameAs(observer);
      String sent = exchange.getRequestHeaders().getFirst("traceparent");
      assertThat(sent).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01");
      assertThat(sent).doesNotContain("00f067aa0ba902b7");
    } finally {
      tracing.orElseThrow().close();
    }
  }
}
