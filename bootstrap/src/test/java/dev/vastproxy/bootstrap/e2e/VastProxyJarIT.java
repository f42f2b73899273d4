package dev.vastproxy.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import dev.vastproxy.simulator.vastai.LabelCall;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar against a simulated vast.ai account: what a user sees, from start to SIGTERM. */
class VastProxyJarIT {
  private static final String KEY = "vast-key-for-the-jar-test";
  private static final String TOKEN_A = "jupyter-token-a-0123456789";
  private static final String TOKEN_B = "jupyter-token-b-0123456789";

  @TempDir Path scratch;
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeVastApi vast;
  private final List<FakeEngine> engines = new ArrayList<>();
  private ProxyProcess proxy;

  @BeforeEach
  void simulatedAccount() {
    vast = FakeVastApi.start(KEY);
    FakeEngine vllm =
        FakeEngine.builder()
            .kind(EngineKind.VLLM)
            .model("Qwen/Qwen3-8B")
            .bearerToken(TOKEN_A)
            .timing(Duration.ofMillis(50), Duration.ofMillis(60), 20)
            .start();
    FakeEngine sglang =
        FakeEngine.builder()
            .kind(EngineKind.SGLANG)
            .model("Qwen/Qwen3-8B")
            .bearerToken(TOKEN_B)
            .timing(Duration.ofMillis(50), Duration.ofMillis(60), 20)
            .start();
    engines.add(vllm);
    engines.add(sglang);
    vast.putInstance(
        FakeVastInstance.running(1001)
            .vllm("Qwen/Qwen3-8B")
            .servedOn(vllm.port())
            .jupyterToken(TOKEN_A)
            .gpus("RTX 4090", 2));
    vast.putInstance(
        FakeVastInstance.running(1002)
            .sglang("Qwen/Qwen3-8B")
            .servedOn(sglang.port())
            .jupyterToken(TOKEN_B)
            .gpus("RTX 5090", 1));
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    engines.forEach(FakeEngine::close);
    vast.close();
  }

  private ProxyProcess startProxy() throws Exception {
    int port = ProxyProcess.freePort();
    proxy = ProxyProcess.startAgainst(scratch, port, KEY, vast.baseUri());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> get("/readyz").statusCode() == 200 && bothHealthy());
    return proxy;
  }

  private boolean bothHealthy() {
    return vast.label(1001).isPresent() && vast.label(1002).isPresent();
  }

  /** Requests the proxy's metrics count as completed, all backends and statuses together. */
  private double completedRequests() throws Exception {
    return get("/metrics")
        .body()
        .lines()
        .filter(
            line ->
                line.startsWith("vastproxy_requests_total{")
                    && line.contains("outcome=\"completed\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(proxy.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<List<Long>> streamChat() {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            HttpResponse<InputStream> response =
                http.send(
                    HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"messages\":[]}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            List<Long> arrivals = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[4096];
            try (InputStream in = response.body()) {
              for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                while (arrivals.size() < text.toString().split("\n\n", -1).length - 1) {
                  arrivals.add(System.nanoTime() / 1_000_000);
                }
              }
            }
            if (!text.toString().endsWith("data: [DONE]\n\n")) {
              throw new AssertionError("stream did not end with [DONE]: " + text);
            }
            return arrivals;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void servesTheFleetAndStopsGracefully() throws Exception {
    startProxy();

    assertThat(get("/v1/models").body()).contains("\"object\":\"list\"").contains("Qwen/Qwen3-8B");

    List<Long> arrivals = streamChat().get();
    assertThat(arrivals).hasSize(22);
    assertThat(arrivals.get(arrivals.size() - 3) - arrivals.get(0))
        .as("events spread over the stream, not one burst")
        .isGreaterThan(19 * 60 / 2);

    for (int i = 0; i < 3; i++) {
      assertThat(
              http.send(
                      HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
    }
    String fleetStatus = get("/vastproxy/status").body();
    assertThat(fleetStatus)
        .contains("\"id\":1001", "\"id\":1002", "\"state\":\"HEALTHY\"", "Qwen/Qwen3-8B")
        .doesNotContain(TOKEN_A)
        .doesNotContain(TOKEN_B)
        .doesNotContain(KEY);
    await().untilAsserted(() -> assertThat(completedRequests()).isEqualTo(4));

    assertThat(vast.labelCalls())
        .contains(new LabelCall(1001, "proxied"), new LabelCall(1002, "proxied"));
    for (FakeEngine engine : engines) {
      for (var request : engine.requests()) {
        assertThat(request.header("Authorization"))
            .hasValueSatisfying(
                auth -> assertThat(auth).isIn("Bearer " + TOKEN_A, "Bearer " + TOKEN_B));
      }
    }

    CompletableFuture<List<Long>> during = streamChat();
    await().until(() -> engines.stream().mapToInt(FakeEngine::activeGenerations).sum() == 1);
    int status = proxy.terminate(60);

    assertThat(during.get()).hasSize(22);
    assertThat(status).isZero();
    assertThat(vast.labelCalls()).contains(new LabelCall(1001, ""), new LabelCall(1002, ""));
    assertThat(vast.label(1001)).isEmpty();
    assertThat(proxy.stdout())
        .contains("vastproxy listening on http://127.0.0.1:")
        .doesNotContain(KEY)
        .doesNotContain(TOKEN_A)
        .doesNotContain(TOKEN_B);
  }

  @Test
  void aBadSettingIsOneLineAndStatusTwo() throws Exception {
    ProxyProcess bad =
        ProxyProcess.start(scratch, 0, Map.of("VAST_API_KEY", KEY), "--poll-interval", "soon");

    assertThat(bad.awaitExit(30)).isEqualTo(2);
    assertThat(bad.stderr())
        .isEqualTo(
            "vastproxy: VASTPROXY_POLL_INTERVAL=soon is not a duration: use e.g. 10s, 500ms or 2m"
                + System.lineSeparator());
  }

  @Test
  void aTakenPortIsOneLineAndStatusTwo() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ProxyProcess busy =
          ProxyProcess.start(
              scratch,
              taken.getLocalPort(),
              Map.of("VAST_API_KEY", KEY, "VAST_API_URL", vast.baseUri().toString()),
              "--headless",
              "--listen-addr",
              "127.0.0.1:" + taken.getLocalPort());

      assertThat(busy.awaitExit(30)).isEqualTo(2);
      assertThat(busy.stderr())
          .startsWith(
              "vastproxy: LISTEN_ADDR 127.0.0.1:" + taken.getLocalPort() + " is already in use")
          .doesNotContain("Exception");
    }
  }
}
