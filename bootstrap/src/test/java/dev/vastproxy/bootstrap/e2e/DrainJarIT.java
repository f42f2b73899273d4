package dev.vastproxy.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar on SIGTERM, as a balancer sees it: {@code /readyz} 503 at once, {@code /healthz} 200, new
 * requests still served for the drain delay, the stream in flight finishes, exit status 0; and the
 * replica's name in the status API and on every metric.
 */
class DrainJarIT {
  private static final String KEY = "vast-key-for-the-drain-test";
  private static final String TOKEN = "jupyter-token-drain-0123456789";

  /** Long enough that the checks below fit in it on a loaded machine. */
  private static final Duration DELAY = Duration.ofSeconds(8);

  @TempDir Path scratch;
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeVastApi vast;
  private FakeEngine engine;
  private ProxyProcess proxy;

  @BeforeEach
  void simulatedAccount() {
    vast = FakeVastApi.start(KEY);
    engine =
        FakeEngine.builder()
            .kind(EngineKind.VLLM)
            .model("m")
            .bearerToken(TOKEN)
            .timing(Duration.ofMillis(20), Duration.ofMillis(100), 40)
            .start();
    vast.putInstance(
        FakeVastInstance.running(2001).vllm("m").servedOn(engine.port()).jupyterToken(TOKEN));
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    engine.close();
    vast.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(proxy.uri(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> chat(boolean stream) {
    return http.sendAsync(
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStopSignalDrainsVisiblyThenExitsZero() throws Exception {
    int port = ProxyProcess.freePort();
    proxy =
        ProxyProcess.startAgainst(
            scratch,
            port,
            KEY,
            vast.baseUri(),
            "--replica",
            "replica-one",
            "--drain-delay",
            DELAY.toMillis() + "ms",
            "--shutdown-grace",
            "20s");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> get("/readyz").statusCode() == 200);
    assertThat(get("/vastproxy/status").body())
        .contains("\"replica\":\"replica-one\"", "\"draining\":false");
    assertThat(get("/metrics").body()).contains("replica=\"replica-one\"");

    CompletableFuture<HttpResponse<String>> stream = chat(true);
    await().until(() -> engine.activeGenerations() == 1);
    long signalled = System.nanoTime();
    proxy.process().destroy();

    await()
        .atMost(Duration.ofSeconds(4))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> get("/readyz").statusCode() == 503);
    assertThat(get("/readyz").body()).contains("draining");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/vastproxy/status").body()).contains("\"draining\":true");
    // Sent well inside the delay (a refused connection would fail it), answered after it.
    CompletableFuture<HttpResponse<String>> late = chat(false);
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(DELAY);
    assertThat(late.get().statusCode())
        .as("a request sent during the delay is served")
        .isEqualTo(200);

    assertThat(proxy.awaitExit(60)).isZero();
    assertThat(stream.get().statusCode()).isEqualTo(200);
    assertThat(stream.get().body()).endsWith("data: [DONE]\n\n");
    assertThat(proxy.stdout()).contains("draining: /readyz answers 503");
  }
}
