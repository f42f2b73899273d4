package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.admin.AdminHandler;
import dev.vastproxy.adapters.http.metrics.ContractEndMetrics;
import dev.vastproxy.adapters.http.metrics.EngineLoadMetrics;
import dev.vastproxy.adapters.http.metrics.FleetMetrics;
import dev.vastproxy.adapters.http.metrics.MicrometerProxyObserver;
import dev.vastproxy.adapters.http.metrics.RuntimeMetrics;
import dev.vastproxy.adapters.http.metrics.TokenMetrics;
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
 * A proxy over three engines with every meter the real one has (requests, fleet, engine load,
 * process), and traffic of every kind: streamed and whole answers, unknown models, engine errors,
 * retries, resumes, a stream that cannot be resumed, a backend taken out.
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
                  harness.fleet.addListener(new TokenMetrics(registry, view));
                  harness.fleet.addListener(new EngineLoadMetrics(registry));
                  // One instance whose contract end vast.ai states, for the expiry gauge.
                  harness.fleet.addListener(new ContractEndMetrics(registry, view));
                  harness.fleet.updateBackend(
                      new InstanceId(ProxyHarness.FIRST_ID),
                      backend ->
                          backend.withInstance(
                              backend
                                  .instance()
                                  .withRental(
                                      backend
                                          .instance()
                                          .rental()
                                          .withEndDate(Instant.now().plus(Duration.ofDays(3))))));
                  return new AdminHandler(
                      view,
                      new AbortAllService(harness.fleet, harness.aborts()),
                      new DestroyAllService(
                          harness.fleet,
                          GuardParts.ledgerOf(harness.fleet),
                          id -> DestroyOutcome.DESTROYED,
                          GuardParts.emptyAccount(),
                          Runnable::run),
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
   * Makes instance 101 fail each way the proxy recovers from, or cannot: a stream that breaks and
   * is continued on 103 (same model), one that breaks with resume turned off, and a placeholder
   * answer before any byte that sends the request to 103.
   */
  public void faults() throws Exception {
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);
    post("/v1/chat/completions", "llama-70b", true, "X-VastProxy-Instance", "101");
    post(
        "/v1/chat/completions",
        "llama-70b",
        true,
        "X-VastProxy-Instance",
        "101",
        "X-VastProxy-Resume",
        "off");
    proxy.engine(101).setFault(Fault.LOADING_PLACEHOLDER);
    post("/v1/chat/completions", "llama-70b", false, "X-VastProxy-Instance", "101");
    proxy.engine(101).setFault(Fault.NONE);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> new PrometheusText(scrape()).sum("vastproxy_requests_total") >= sent);
  }

  /**
   * A stream that breaks on 101 and whose continuation 103 refuses (HTTP 500): a failed resume,
   * then an error event. Both {@code llama-70b} engines (101, 103) must be healthy.
   */
  public void failedResume() throws Exception {
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);
    proxy.engine(103).setFault(Fault.HTTP_500);
    post("/v1/chat/completions", "llama-70b", true, "X-VastProxy-Instance", "101");
    proxy.engine(101).setFault(Fault.NONE);
    proxy.engine(103).setFault(Fault.NONE);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> new PrometheusText(scrape()).sum("vastproxy_requests_total") >= sent);
  }

  /** Takes a backend out, as a failing health check would. */
  public void failBackend(long id) {
    proxy.fleet.updateBackend(new InstanceId(id), b -> b.markFailed(Instant.now(), Reasons.FAILED));
  }

  private void post(String path, String model, boolean stream, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(proxy.uri(path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        http.send(
            request
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
