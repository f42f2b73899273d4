package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.adapters.http.admin.AdminHandler;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.service.AbortAllService;
import dev.vastproxy.application.service.DestroyAllService;
import dev.vastproxy.application.service.DiscoveryService;
import dev.vastproxy.application.service.FleetViewService;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Reasons;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.Fault;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API through a real proxy: status, fleet actions, health, readiness, client keys. */
class AdminApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService destroyWorker = Executors.newSingleThreadExecutor();
  private final List<InstanceId> destroyed = new CopyOnWriteArrayList<>();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
    destroyWorker.shutdownNow();
  }

  /** Starts the proxy with the real admin handler over the harness's fleet. */
  private void start(ProxyHarness.Builder builder) {
    DestroyInstancePort vast =
        id -> {
          if (id.value() == 102) {
            throw new VastApiException(VastApiException.Kind.UNAVAILABLE, "vast.ai answered 500");
          }
          destroyed.add(id);
          return DestroyOutcome.DESTROYED;
        };
    proxy =
        builder
            .admin(
                harness ->
                    new AdminHandler(
                        new FleetViewService(harness.fleet, harness.statistics, Clock.systemUTC()),
                        new AbortAllService(harness.fleet, harness.aborts()),
                        new DestroyAllService(
                            harness.fleet,
                            GuardParts.ledgerOf(harness.fleet),
                            vast,
                            GuardParts.emptyAccount(),
                            destroyWorker),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
            .start();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.uri(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void statusShowsTheFleetWithoutSecrets() throws Exception {
    start(
        ProxyHarness.builder(2)
            .kinds(EngineKind.SGLANG, EngineKind.VLLM)
            .models("llama-70b", "qwen-8b")
            .engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)));
    HttpResponse<String> served =
        send(
            "POST",
            "/v1/chat/completions",
            "{\"model\":\"qwen-8b\",\"messages\":[]}",
            "Content-Type",
            "application/json",
            "X-VastProxy-Instance",
            "102");
    assertThat(served.statusCode()).isEqualTo(200);

    HttpResponse<String> response = send("GET", "/vastproxy/status", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode status = JSON.readTree(response.body());
    assertThat(status.get("backend_count").asInt()).isEqualTo(2);
    assertThat(status.get("healthy_count").asInt()).isEqualTo(2);
    assertThat(status.get("sticky_share").asDouble()).isEqualTo(1.0);
    assertThat(status.get("discovery_problem").isNull()).isTrue();
    assertThat(status.get("version").asLong()).isPositive();
    JsonNode sglang = status.at("/instances/0");
    assertThat(sglang.get("id").asLong()).isEqualTo(101);
    assertThat(sglang.get("state").asText()).isEqualTo("HEALTHY");
    assertThat(sglang.get("engine").asText()).isEqualTo("sglang");
    assertThat(sglang.get("models").get(0).asText()).isEqualTo("llama-70b");
    assertThat(sglang.get("endpoint").asText())
        .isEqualTo("http://127.0.0.1:" + proxy.engine(101).port());
    assertThat(sglang.get("transport").asText()).isEqualTo("direct");
    assertThat(sglang.get("gpu_name").asText()).isEqualTo("RTX 5090");
    assertThat(sglang.get("gpu_count").asInt()).isEqualTo(2);
    assertThat(sglang.get("ssh_path").asText()).isEqualTo("none");
    JsonNode vllm = status.at("/instances/1");
    assertThat(vllm.get("engine").asText()).isEqualTo("vllm");
    assertThat(vllm.get("requests_started").asLong()).isEqualTo(1);
    assertThat(response.body())
        .doesNotContain(ProxyHarness.token(101))
        .doesNotContain(ProxyHarness.token(102));
  }

  @Test
  void statusCountsResumesForTheFleetAndByInstance() throws Exception {
    start(ProxyHarness.builder(2).engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(2), 20)));
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);
    String stream = "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"messages\":[]}";
    String json = "application/json";
    send(
        "POST",
        "/v1/chat/completions",
        stream,
        "Content-Type",
        json,
        "X-VastProxy-Instance",
        "101");
    send(
        "POST",
        "/v1/chat/completions",
        stream,
        "Content-Type",
        json,
        "X-VastProxy-Instance",
        "101",
        "X-VastProxy-Resume",
        "off");

    JsonNode status = JSON.readTree(send("GET", "/vastproxy/status", null).body());

    assertThat(status.at("/rescues/resumed").asLong()).isEqualTo(1);
    assertThat(status.at("/rescues/not_resumable").asLong()).isEqualTo(1);
    assertThat(status.at("/rescues/retried_before_first_byte").asLong()).isZero();
    assertThat(status.at("/rescues/resume_failed").asLong()).isZero();
    assertThat(status.at("/instances/0/rescues/resumed").asLong()).isEqualTo(1);
    assertThat(status.at("/instances/0/rescues/not_resumable").asLong()).isEqualTo(1);
    assertThat(status.at("/instances/1/rescues/resumed").asLong()).isZero();
  }

  @Test
  void statusSaysVastAiIsNotAnsweringWhileAPollHangs() throws Exception {
    start(ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)));
    CountDownLatch answer = new CountDownLatch(1);
    List<Instance> listed =
        proxy.fleet.snapshot().backends().stream().map(Backend::instance).toList();
    ListInstancesPort hungVast =
        new ListInstancesPort() {
          @Override
          public InstanceListing listInstances() {
            try {
              // Hangs until the test releases it, as a vast.ai that accepted the call and is
              // silent.
              answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new InstanceListing(listed, List.of());
          }

          @Override
          public Duration answerTimeout() {
            return Duration.ofMillis(200);
          }
        };
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    ExecutorService polls = Executors.newSingleThreadExecutor();
    ScheduleTaskPort scheduler =
        (delay, task) -> {
          ScheduledFuture<?> future = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
          return () -> future.cancel(false);
        };
    DiscoveryService discovery =
        new DiscoveryService(
            proxy.fleet,
            hungVast,
            scheduler,
            polls,
            Clock.systemUTC(),
            Duration.ofMinutes(10),
            Transport.DIRECT,
            new Random(1));
    try {
      discovery.start();

      JsonNode problem =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> JSON.readTree(send("GET", "/vastproxy/status", null).body()),
                  status -> !status.get("discovery_problem").isNull())
              .get("discovery_problem");
      assertThat(problem.get("message").asText())
          .isEqualTo(
              "vast.ai: API not answering (no reply within the 200ms timeout);"
                  + " keeping the last known fleet");
      assertThat(problem.get("not_answering_for_seconds").isIntegralNumber()).isTrue();
      assertThat(problem.get("failures").asInt()).isEqualTo(1);

      answer.countDown();

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> JSON.readTree(send("GET", "/vastproxy/status", null).body()),
              status -> status.get("discovery_problem").isNull());
    } finally {
      discovery.stop();
      answer.countDown();
      timers.shutdownNow();
      polls.shutdownNow();
    }
  }

  @Test
  void abortAllReachesTheSglangEngineOnly() throws Exception {
    start(ProxyHarness.builder(2).kinds(EngineKind.SGLANG, EngineKind.VLLM));

    HttpResponse<String> response = send("POST", "/vastproxy/abort-all", null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode results = JSON.readTree(response.body()).get("results");
    assertThat(results).hasSize(1);
    assertThat(results.at("/0/id").asLong()).isEqualTo(101);
    assertThat(results.at("/0/success").asBoolean()).isTrue();
    assertThat(results.at("/0/message").asText()).isEqualTo("aborted");
    assertThat(proxy.engine(101).abortAllCalls()).isEqualTo(1);
    assertThat(proxy.engine(102).abortAllCalls()).isZero();
    assertThat(proxy.engine(102).requestCount()).isZero();
  }

  @Test
  void aFailedActionIs500WithoutItsDetails() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .admin(
                harness ->
                    new AdminHandler(
                        new FleetViewService(harness.fleet, harness.statistics, Clock.systemUTC()),
                        () -> CompletableFuture.failedFuture(new IllegalStateException("tok-X")),
                        () -> {
                          throw new IllegalStateException("tok-Y");
                        },
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
            .start();

    HttpResponse<String> abort = send("POST", "/vastproxy/abort-all", null);
    HttpResponse<String> destroy =
        send("POST", "/vastproxy/destroy-all", "{\"confirm\": \"destroy\"}");

    assertThat(abort.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(abort.body()).at("/error/type").asText()).isEqualTo("server_error");
    assertThat(abort.body()).contains("abort-all failed").doesNotContain("tok-X");
    assertThat(destroy.statusCode()).isEqualTo(500);
    assertThat(destroy.body()).contains("destroy-all failed").doesNotContain("tok-Y");
  }

  @Test
  void destroyAllNeedsTheConfirmation() throws Exception {
    start(ProxyHarness.builder(2));

    for (String refused :
        new String[] {
          null,
          "",
          "destroy",
          "{\"confirm\":\"yes\"}",
          "{\"confirm\":true}",
          "[\"destroy\"]",
          "{\"confirm\":\"destroy\"" + " ".repeat(2000) + "}"
        }) {
      HttpResponse<String> response = send("POST", "/vastproxy/destroy-all", refused);
      assertThat(response.statusCode()).as("body %s", refused).isEqualTo(400);
      JsonNode error = JSON.readTree(response.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.get("code").asText()).isEqualTo("confirmation_required");
      assertThat(error.get("message").asText()).contains("{\"confirm\": \"destroy\"}");
    }
    assertThat(destroyed).isEmpty();

    HttpResponse<String> confirmed =
        send(
            "POST",
            "/vastproxy/destroy-all",
            "{\"confirm\": \"destroy\"}",
            "Content-Type",
            "application/json");

    assertThat(confirmed.statusCode()).isEqualTo(200);
    JsonNode results = JSON.readTree(confirmed.body()).get("results");
    assertThat(results).hasSize(2);
    assertThat(results.at("/0/id").asLong()).isEqualTo(101);
    assertThat(results.at("/0/success").asBoolean()).isTrue();
    assertThat(results.at("/0/message").asText()).isEqualTo("destroyed");
    assertThat(results.at("/1/id").asLong()).isEqualTo(102);
    assertThat(results.at("/1/success").asBoolean()).isFalse();
    assertThat(results.at("/1/message").asText()).contains("500");
    assertThat(destroyed).containsExactly(new InstanceId(101));
  }

  @Test
  void aConfirmationArrivingInPiecesIsWaitedFor() throws Exception {
    start(ProxyHarness.builder(1));
    byte[] body = "{\"confirm\": \"destroy\"}".getBytes(StandardCharsets.UTF_8);

    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /vastproxy/destroy-all HTTP/1.1\r\nHost: proxy\r\nConnection: close\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 10);
      out.flush();
      // Half a confirmation is no confirmation yet: nothing may be destroyed or answered.
      socket.setSoTimeout(300);
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(destroyed).isEmpty();

      out.write(body, 10, body.length - 10);
      out.flush();
      socket.setSoTimeout(10_000);
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(response).startsWith("HTTP/1.1 200").contains("\"id\":101,\"success\":true");
      assertThat(destroyed).containsExactly(new InstanceId(101));
    }
  }

  @Test
  void wrongMethodsAre405AndUnknownPaths404() throws Exception {
    start(ProxyHarness.builder(1));

    HttpResponse<String> getAbort = send("GET", "/vastproxy/abort-all", null);
    HttpResponse<String> getDestroy = send("GET", "/vastproxy/destroy-all", null);
    HttpResponse<String> postStatus = send("POST", "/vastproxy/status", "{}");
    HttpResponse<String> unknown = send("GET", "/vastproxy/nothing-here", null);

    assertThat(getAbort.statusCode()).isEqualTo(405);
    assertThat(getAbort.headers().firstValue("Allow")).hasValue("POST");
    assertThat(JSON.readTree(getAbort.body()).at("/error/code").asText())
        .isEqualTo("method_not_allowed");
    assertThat(getDestroy.statusCode()).isEqualTo(405);
    assertThat(postStatus.statusCode()).isEqualTo(405);
    assertThat(postStatus.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).at("/error/message").asText())
        .contains("/vastproxy/nothing-here");
    assertThat(proxy.engine(101).requestCount()).isZero();
    assertThat(proxy.engine(101).abortAllCalls()).isZero();
  }

  @Test
  void readyOnlyWithAHealthyBackend() throws Exception {
    start(ProxyHarness.builder(1));

    HttpResponse<String> ready = send("GET", "/readyz", null);
    proxy.fleet.updateBackend(
        new InstanceId(101), b -> b.markFailed(Instant.now(), Reasons.FAILED));
    HttpResponse<String> unready = send("GET", "/readyz", null);
    HttpResponse<String> alive = send("GET", "/healthz", null);
    HttpResponse<String> head = send("HEAD", "/healthz", null);

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("healthy_backends").asInt()).isEqualTo(1);
    assertThat(unready.statusCode()).isEqualTo(503);
    JsonNode reason = JSON.readTree(unready.body());
    assertThat(reason.get("ready").asBoolean()).isFalse();
    assertThat(reason.get("reason").asText()).isEqualTo("no healthy backend");
    assertThat(alive.statusCode()).isEqualTo(200);
    assertThat(alive.body()).isEqualTo("ok");
  }

  @Test
  void readinessWithNoBackendAtAll() throws Exception {
    start(ProxyHarness.builder(0));

    HttpResponse<String> unready = send("GET", "/readyz", null);

    assertThat(unready.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(unready.body()).get("reason").asText())
        .isEqualTo("no backends discovered");
  }

  @Test
  void clientKeysGuardEveryAdminPathButHealthz() throws Exception {
    start(ProxyHarness.builder(1).kinds(EngineKind.SGLANG).clientKeys("admin-key"));

    for (String[] call :
        new String[][] {
          {"GET", "/vastproxy/status"},
          {"POST", "/vastproxy/abort-all"},
          {"POST", "/vastproxy/destroy-all"},
          {"GET", "/vastproxy/unknown"},
          {"GET", "/metrics"}
        }) {
      String body = call[0].equals("POST") ? "{\"confirm\": \"destroy\"}" : null;
      HttpResponse<String> missing = send(call[0], call[1], body);
      HttpResponse<String> wrong = send(call[0], call[1], body, "Authorization", "Bearer nope");
      assertThat(missing.statusCode()).as("%s without a key", call[1]).isEqualTo(401);
      assertThat(wrong.statusCode()).as("%s with a wrong key", call[1]).isEqualTo(401);
      assertThat(missing.body()).doesNotContain("admin-key");
    }
    assertThat(proxy.engine(101).abortAllCalls()).isZero();
    assertThat(destroyed).isEmpty();

    HttpResponse<String> status =
        send("GET", "/vastproxy/status", null, "Authorization", "Bearer admin-key");
    HttpResponse<String> metrics =
        send("GET", "/metrics", null, "Authorization", "Bearer admin-key");
    HttpResponse<String> alive = send("GET", "/healthz", null);
    HttpResponse<String> ready = send("GET", "/readyz", null);

    assertThat(ready.statusCode()).as("balancers probe /readyz without a key").isIn(200, 503);
    assertThat(ready.body()).contains("\"ready\"").doesNotContain("admin-key");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).doesNotContain("admin-key");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(alive.statusCode()).isEqualTo(200);
  }
}
