package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.admin.AdminHandler;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.adapters.http.metrics.FleetMetrics;
import dev.vastproxy.adapters.http.metrics.MicrometerProxyObserver;
import dev.vastproxy.adapters.http.metrics.ScrapeFleetView;
import dev.vastproxy.adapters.http.metrics.TokenMetrics;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.service.AbortAllService;
import dev.vastproxy.application.service.DestroyAllService;
import dev.vastproxy.application.service.FleetViewService;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Reasons;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} through a real proxy counts the requests sent through it. */
class MetricsIT {
  private static final int REQUESTS = 7;

  private final HttpClient http = HttpClient.newHttpClient();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final MicrometerProxyObserver observer = new MicrometerProxyObserver(registry);
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private void start() {
    start(view -> view);
  }

  /** Starts the proxy; its fleet meters and admin paths read the view {@code views} makes. */
  private void start(UnaryOperator<ObserveFleetUseCase> views) {
    proxy =
        ProxyHarness.builder(2)
            .models("llama-70b", "qwen-8b")
            .engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 2))
            .observer(observer)
            .admin(
                harness -> {
                  ObserveFleetUseCase view =
                      views.apply(
                          new FleetViewService(
                              harness.fleet, harness.statistics, Clock.systemUTC()));
                  ScrapeFleetView scrapes = new ScrapeFleetView(view);
                  harness.fleet.addListener(observer);
                  harness.fleet.addListener(new FleetMetrics(registry, scrapes));
                  harness.fleet.addListener(new TokenMetrics(registry, scrapes));
                  return new AdminHandler(
                      view,
                      new AbortAllService(harness.fleet, harness.aborts()),
                      new DestroyAllService(
                          harness.fleet,
                          GuardParts.ledgerOf(harness.fleet),
                          id -> DestroyOutcome.DESTROYED,
                          GuardParts.emptyAccount(),
                          Runnable::run),
                      registry,
                      scrapes,
                      new ReplicaState("local"));
                })
            .start();
  }

  private HttpResponse<String> chat(String model) throws Exception {
    return http.send(
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"" + model + "\",\"messages\":[],\"stream\":true}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> scrape() throws Exception {
    return http.send(
        HttpRequest.newBuilder(proxy.uri("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void countsTheRequestsSentThroughTheProxy() throws Exception {
    start();
    for (int i = 0; i < REQUESTS; i++) {
      assertThat(chat("llama-70b").statusCode()).isEqualTo(200);
    }
    assertThat(chat("gpt-4").statusCode()).isEqualTo(404);

    // A request is counted when its exchange completes, just after the client has the answer.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                new PrometheusText(scrape().body())
                        .sum("vastproxy_requests_total", "outcome=\"completed\"")
                    == REQUESTS);
    HttpResponse<String> response = scrape();
    PrometheusText metrics = new PrometheusText(response.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(
            metrics.sum(
                "vastproxy_requests_total",
                "backend=\"101\"",
                "model=\"llama-70b\"",
                "endpoint=\"chat\"",
                "stream=\"true\"",
                "status=\"200\"",
                "outcome=\"completed\""))
        .as(metrics.toString())
        .isEqualTo(REQUESTS);
    assertThat(
            metrics.sum(
                "vastproxy_requests_total",
                "backend=\"none\"",
                "status=\"404\"",
                "outcome=\"not_routed\""))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "vastproxy_request_duration_seconds_count", "backend=\"101\"", "stream=\"true\""))
        .isEqualTo(REQUESTS);
    assertThat(
            metrics.sum(
                "vastproxy_time_to_first_token_seconds_count",
                "backend=\"101\"",
                "model=\"llama-70b\"",
                "endpoint=\"chat\""))
        .isEqualTo(REQUESTS);
    assertThat(
            metrics.sum(
                "vastproxy_request_duration_seconds_bucket", "backend=\"101\"", "le=\"+Inf\""))
        .isEqualTo(REQUESTS);
    assertThat(metrics.sum("vastproxy_backends", "state=\"healthy\"")).isEqualTo(2);
    assertThat(metrics.has("vastproxy_backend_in_flight", "backend=\"102\"")).isTrue();
    assertThat(metrics.sum("vastproxy_in_flight")).isZero();
    assertThat(response.body()).doesNotContain(ProxyHarness.token(101));
  }

  @Test
  void countsHealthTransitionsToUnhealthy() throws Exception {
    start();

    proxy.fleet.updateBackend(
        new InstanceId(102), b -> b.markFailed(Instant.now(), Reasons.FAILED));
    PrometheusText metrics = new PrometheusText(scrape().body());

    assertThat(
            metrics.sum(
                "vastproxy_backend_state_changes_total",
                "backend=\"102\"",
                "state=\"unhealthy\"",
                "reason=\"probe_status\""))
        .isEqualTo(1);
    assertThat(metrics.sum("vastproxy_backends", "state=\"unhealthy\"")).isEqualTo(1);
    assertThat(metrics.sum("vastproxy_backends", "state=\"healthy\"")).isEqualTo(1);
  }

  @Test
  void aScrapeReadsTheFleetOnce() throws Exception {
    AtomicInteger views = new AtomicInteger();
    start(
        view ->
            () -> {
              views.incrementAndGet();
              return view.observeFleet();
            });
    views.set(0);

    PrometheusText metrics = new PrometheusText(scrape().body());

    assertThat(metrics.sum("vastproxy_backends", "state=\"healthy\"")).isEqualTo(2);
    assertThat(metrics.has("vastproxy_backend_up", "backend=\"101\"")).isTrue();
    assertThat(views).hasValue(1);
  }
}
