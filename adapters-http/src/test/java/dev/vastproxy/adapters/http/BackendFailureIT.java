package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.relay.ProxySettings;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.simulator.engine.Fault;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backends that fail: refused, killed mid-stream, erroring; and no backend at all. */
class BackendFailureIT {
  private static final String NO_BACKENDS =
      "{\"error\":{\"message\":\"no backends available\",\"type\":\"server_error\"}}";
  private static final String BACKEND_ERROR =
      "{\"error\":{\"message\":\"backend error\",\"type\":\"server_error\"}}";

  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  /** Default proxy settings but for the idle timeout. */
  private static ProxySettings idleTimeout(Duration idle) {
    ProxySettings defaults = ProxySettings.DEFAULTS;
    return new ProxySettings(
        defaults.modelPeekLimit(),
        defaults.connectTimeout(),
        idle,
        defaults.maxBackendsPerRequest());
  }

  private HttpResponse<String> chat(String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRefusedConnectionIsRetriedOnAnotherBackend() throws Exception {
    proxy = ProxyHarness.builder(3).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)).start();
    proxy.engine(101).setFault(Fault.REFUSE_CONNECTIONS);

    HttpResponse<String> response = chat("X-VastProxy-Instance", "101");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-VastProxy-Instance"))
        .isPresent()
        .get()
        .isNotEqualTo("101");
    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.UNHEALTHY);
    for (int i = 0; i < 6; i++) {
      assertThat(chat().headers().firstValue("X-VastProxy-Instance"))
          .isPresent()
          .get()
          .isNotEqualTo("101");
    }
  }

  @Test
  void aBackendKilledMidStreamEndsTheClientsStreamButOneFailureDoesNotEjectIt() throws Exception {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(20), 50))
            .start();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);
    long start = System.nanoTime();

    String received = streamFrom(101);

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    assertThat(received)
        .startsWith("HTTP/1.1 200")
        .contains("data: {")
        .contains("stream_interrupted")
        .doesNotContain("[DONE]");
    await().until(() -> proxy.inFlight() == 0);
    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.HEALTHY);
    assertThat(proxy.engine(101).requests()).hasSize(1);
  }

  @Test
  void aBackendThatFailsRequestAfterRequestIsTakenOut() throws Exception {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(20), 50))
            .start();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    streamFrom(101);
    streamFrom(101);
    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.HEALTHY);
    streamFrom(101);

    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.UNHEALTHY);
    assertThat(chat().headers().firstValue("X-VastProxy-Instance")).contains("102");
  }

  private String streamFrom(long id) throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      // With resume off, a broken stream ends with an error event (resume is tested elsewhere).
      client.post(
          "/v1/chat/completions",
          "{\"stream\":true}",
          "X-VastProxy-Instance",
          Long.toString(id),
          "X-VastProxy-Resume",
          "off",
          "Connection",
          "close");
      return client.readToEnd();
    }
  }

  @Test
  void noHealthyBackendIs503AndAllRefusingIs502() throws Exception {
    proxy = ProxyHarness.builder(1).start();
    proxy.engine(101).setFault(Fault.REFUSE_CONNECTIONS);

    HttpResponse<String> refused = chat();
    HttpResponse<String> noneLeft = chat();

    assertThat(refused.statusCode()).isEqualTo(502);
    assertThat(refused.body()).isEqualTo(BACKEND_ERROR);
    assertThat(refused.headers().firstValue("content-type")).contains("application/json");
    assertThat(noneLeft.statusCode()).isEqualTo(503);
    assertThat(noneLeft.body()).isEqualTo(NO_BACKENDS);
  }

  @Test
  void aBackendAnswering500IsPassedThroughAndStaysHealthy() throws Exception {
    proxy = ProxyHarness.builder(1).start();
    proxy.engine(101).setFault(Fault.HTTP_500);

    HttpResponse<String> response = chat();

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("InternalServerError");
    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void aSilentBackendTimesOutAfterTheIdleTimeoutAndIsNotAskedAgain() throws Exception {
    proxy = ProxyHarness.builder(1).settings(idleTimeout(Duration.ofMillis(500))).start();
    proxy.engine(101).setFault(Fault.HANG);

    HttpResponse<String> response = chat();

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo(BACKEND_ERROR);
    assertThat(proxy.engine(101).requests()).hasSize(1);
    // One silent request may be that request's fault: the backend stays in until more fail.
    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void aBackendSilentMidStreamIsCutAfterTheIdleTimeout() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .settings(idleTimeout(Duration.ofMillis(400)))
            .engines(e -> e.timing(Duration.ZERO, Duration.ofSeconds(1), 5))
            .start();

    String received;
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.post("/v1/chat/completions", "{\"stream\":true}", "Connection", "close");
      received = client.readToEnd();
    }

    assertThat(received)
        .startsWith("HTTP/1.1 200")
        .contains("data: {")
        .contains("stream_interrupted")
        .doesNotContain("[DONE]");
    // The engine's connection is closed too (it notices on its next writes), so the GPU stops.
    assertThat(proxy.engine(101).requests().get(0).connectionClosed())
        .succeedsWithin(Duration.ofSeconds(5));
    // The engine counts the generation abandoned when its exchange ends, just after the close.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> proxy.engine(101).abandonedGenerations() == 1);
  }

  @Test
  void aStreamWhoseTokensComeWithinTheIdleTimeoutIsNotCut() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .settings(idleTimeout(Duration.ofMillis(600)))
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(250), 6))
            .start();

    String received;
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.post("/v1/chat/completions", "{\"stream\":true}", "Connection", "close");
      received = client.readToEnd();
    }

    // The stream lasts over twice the idle timeout, but the backend is never silent that long.
    assertThat(received).startsWith("HTTP/1.1 200").contains("[DONE]");
    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void aClientSlowToReadIsNotTakenForASilentBackend() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .settings(idleTimeout(Duration.ofMillis(300)))
            .engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 200_000))
            .start();

    String received;
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.post("/v1/chat/completions", "{\"stream\":true}", "Connection", "close");
      assertThat(client.readUntil("data: {")).isTrue();
      // The answer is far larger than the socket buffers between engine and client, so while this
      // client does not read, the proxy waits on it, not on the backend. Time passing is the point.
      Thread.sleep(1_500);
      received = client.readToEnd();
    }

    assertThat(received).contains("[DONE]");
    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void aFreshBackendAfterFailureTakesTrafficAgain() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)).start();
    proxy.engine(101).setFault(Fault.REFUSE_CONNECTIONS);
    chat();
    proxy.engine(101).setFault(Fault.NONE);
    proxy.fleet.updateBackend(
        new InstanceId(101), b -> b.markHealthy(Cards.of("Qwen/Qwen3-8B"), Instant.now()));

    assertThat(chat().statusCode()).isEqualTo(200);
  }
}
