package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.admin.AdminHandler;
import dev.vastproxy.adapters.http.front.DrainHandler;
import dev.vastproxy.adapters.http.front.HttpFrontEnd;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.application.service.FleetViewService;
import dev.vastproxy.application.service.RequestStatistics;
import dev.vastproxy.domain.fleet.Fleet;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While a replica drains, {@code /readyz} is 503, {@code /healthz} stays 200, requests are still
 * served but each connection closes after its answer, and the in-flight count lets a stop wait.
 */
class DrainIT {
  private final ReplicaState replica = new ReplicaState("replica-a");
  private final List<HttpServerExchange> held = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpRuntime runtime;
  private HttpFrontEnd front;
  private DrainHandler drain;

  @BeforeEach
  void start() {
    Fleet fleet = new Fleet();
    AdminHandler admin =
        new AdminHandler(
            new FleetViewService(
                fleet, new RequestStatistics(Clock.systemUTC()), Clock.systemUTC()),
            () -> CompletableFuture.completedFuture(List.of()),
            () -> CompletableFuture.completedFuture(List.of()),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            replica);
    HttpHandler slow =
        exchange -> {
          // Held open until the test ends it, like a long stream.
          exchange.dispatch(SameThreadExecutor.INSTANCE, () -> held.add(exchange));
        };
    HttpHandler root =
        exchange -> {
          if (exchange.getRequestPath().equals("/slow")) {
            slow.handleRequest(exchange);
          } else {
            admin.handleRequest(exchange);
          }
        };
    runtime = HttpRuntime.start(1);
    drain = new DrainHandler(root, replica);
    front = HttpFrontEnd.start(runtime, "127.0.0.1", 0, drain);
  }

  @AfterEach
  void stop() {
    front.close();
    runtime.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + front.address().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void drainingTurnsReadinessAwayAtOnceButKeepsServing() throws Exception {
    assertThat(get("/vastproxy/status").body()).contains("\"replica\":\"replica-a\"");
    assertThat(get("/vastproxy/status").headers().firstValue("Connection")).isEmpty();

    replica.beginDrain();

    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("draining");
    HttpResponse<String> alive = get("/healthz");
    assertThat(alive.statusCode()).isEqualTo(200);
    assertThat(alive.headers().firstValue("Connection")).contains("close");
    assertThat(get("/vastproxy/status").body())
        .contains("\"replica\":\"replica-a\"", "\"draining\":true");
  }

  @Test
  void aStopWaitsForRequestsInFlight() throws Exception {
    CompletableFuture<HttpResponse<String>> stream =
        http.sendAsync(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + front.address().getPort() + "/slow"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);
    assertThat(drain.inFlight()).isEqualTo(1);

    assertThat(drain.awaitIdle(Duration.ofMillis(50))).isFalse();

    HttpServerExchange exchange = held.get(0);
    exchange.getIoThread().execute(() -> exchange.getResponseSender().send("done"));
    assertThat(drain.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(stream.get().body()).isEqualTo("done");
    assertThat(drain.inFlight()).isZero();
  }
}
