package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.admin.AdminHandler;
import dev.vastproxy.adapters.http.metrics.FleetMetrics;
import dev.vastproxy.adapters.http.metrics.MicrometerProxyObserver;
import dev.vastproxy.adapters.http.metrics.RuntimeMetrics;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.service.AbortAllService;
import dev.vastproxy.application.service.DestroyAllService;
import dev.vastproxy.application.service.FleetViewService;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Reasons;
import dev.vastproxy.simulator.engine.Fault;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A proxy over three engines with every meter the real one has (requests, fleet, process), and
 * traffic of every kind: streamed and whole answers, unknown models, engine errors, a backend taken
 * out.
 */
public final class BusyProxy implements AutoCloseable {
  private final HttpClient http = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final ProxyHarness proxy;
  private int sent;

  public BusyProxy() {
    RuntimeMetrics.bindTo(registry, "test");
    MicrometerProxyObserver observer = new MicrometerProxyObserver(registry);
    proxy =
        ProxyHarness.builder(3)
            .models("llama-70b", "qwen-8b")
            .engines(e -> e.timing(Duration.ofMillis(20), Duration.ofMillis(1), 3))
            .observer(observer)
            .admin(
                harness -> {
                  ObserveFleetUseCase view =
                      new FleetViewService(harness.fleet, harness.statistics, Clock.systemUTC());
                  harness.fleet.addListener(observer);
                  harness.fleet.addListener(new FleetMetrics(registry, view));
                  return new AdminHandler(
                      view,
                      new AbortAllService(harness.fleet, harness.aborts()),
                      new DestroyAllService(
                          harness.fleet, id -> DestroyOutcome.DESTROYED, Runnable::run),
                      registry);
                })
            .start();
  }

  /** Where the proxy answers. */
  public URI uri(String path) {
    return proxy.uri(path);
  }

  /** Sends a round of every kind of request, and waits until all of them are counted. */
  public void traffic(int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      post("/v1/chat/completions", "llama-70b", true);
      post("/v1/chat/completions", "qwen-8b", false);
      post("/v1/completions", "llama-70b", false);
      post("/v1/embeddings", "qwen-8b", false);
      post("/v1/chat/completions", "gpt-4", true);
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> new PrometheusText(scrape()).sum("vastproxy_requests_total") >= sent);
  }

  /**
   * Breaks requests and streams on purpose, so that every rescue is counted: a stream resumed on
   * another engine, a continuation refused and the stream ended with an error event, a request sent
   * elsewhere before its first byte. Both {@code llama-70b} engines (101, 103) must be healthy.
   */
  public void rescues() throws Exception {
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);
    pinned(101);
    proxy.engine(103).setFault(Fault.HTTP_500);
    pinned(101);
    proxy.engine(101).setFault(Fault.LOADING_PLACEHOLDER);
    proxy.engine(103).setFault(Fault.NONE);
    pinned(101);
    proxy.engine(101).setFault(Fault.NONE);
  }

  private void pinned(long id) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("X-VastProxy-Instance", Long.toString(id))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"llama-70b\",\"messages\":[],\"stream\":true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    sent++;
  }

  /** Takes a backend out, as a failing health check would. */
  public void failBackend(long id) {
    proxy.fleet.updateBackend(new InstanceId(id), b -> b.markFailed(Instant.now(), Reasons.FAILED));
  }

  private void post(String path, String model, boolean stream) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri(path))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\""
                            + model
                            + "\",\"prompt\":\"hi\",\"input\":\"hi\",\"messages\":[],\"stream\":"
                            + stream
                            + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isPositive();
    sent++;
  }

  /** {@code GET /metrics}. */
  public String scrape() throws Exception {
    return http.send(
            HttpRequest.newBuilder(proxy.uri("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Override
  public void close() {
    proxy.close();
  }
}
