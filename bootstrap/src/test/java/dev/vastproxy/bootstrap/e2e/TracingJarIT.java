package dev.vastproxy.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.tracing.OtlpReceiver;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar traces with its own classpath (the JDK HTTP sender found in the shaded jar): a
 * request's span reaches a collector, the last spans are sent when it stops, and a bad endpoint is
 * one line and status 2.
 */
class TracingJarIT {
  private static final String KEY = "vast-key-for-the-tracing-test";
  private static final String TOKEN = "jupyter-token-traced-0123456789";
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @TempDir Path scratch;
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeVastApi vast;
  private FakeEngine engine;
  private OtlpReceiver collector;
  private ProxyProcess proxy;

  @BeforeEach
  void simulatedAccount() throws Exception {
    vast = FakeVastApi.start(KEY);
    engine =
        FakeEngine.builder()
            .kind(EngineKind.VLLM)
            .model("Qwen/Qwen3-8B")
            .bearerToken(TOKEN)
            .timing(Duration.ofMillis(5), Duration.ofMillis(5), 5)
            .start();
    vast.putInstance(
        FakeVastInstance.running(1001)
            .vllm("Qwen/Qwen3-8B")
            .servedOn(engine.port())
            .jupyterToken(TOKEN)
            .gpus("RTX 4090", 1));
    collector = new OtlpReceiver();
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    collector.close();
    engine.close();
    vast.close();
  }

  @Test
  void aRequestIsASpanAtTheCollectorAndTheLastSpansAreSentAtStop() throws Exception {
    int port = ProxyProcess.freePort();
    proxy =
        ProxyProcess.startAgainst(
            scratch,
            port,
            KEY,
            vast.baseUri(),
            "--drain-delay",
            "0s",
            "--otlp-endpoint",
            collector.endpoint().toString());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> vast.label(1001).isPresent());

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + TRACE + "-b7ad6b7169203331-01")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"messages\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(proxy.terminate(30)).isZero();

    List<Span> spans =
        collector.spans().stream()
            .map(OtlpReceiver.Received::span)
            .filter(span -> HexFormat.of().formatHex(span.getTraceId().toByteArray()).equals(TRACE))
            .toList();
    assertThat(spans).as(proxy.stdout()).hasSize(1);
    String spanId = HexFormat.of().formatHex(spans.get(0).getSpanId().toByteArray());
    assertThat(
            engine.requests().stream()
                .filter(request -> request.path().equals("/v1/chat/completions"))
                .findFirst()
                .orElseThrow()
                .headers()
                .get("traceparent"))
        .containsExactly("00-" + TRACE + "-" + spanId + "-01");
    assertThat(proxy.stdout()).contains("tracing: a span per proxied request goes to");
    for (byte[] body : collector.bodies()) {
      assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
    }
  }

  @Test
  void aBadEndpointIsOneLineAndStatusTwo() throws Exception {
    ProxyProcess bad =
        ProxyProcess.start(
            scratch,
            0,
            Map.of("VAST_API_KEY", KEY, "OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"));

    assertThat(bad.awaitExit(30)).isEqualTo(2);
    assertThat(bad.stderr())
        .isEqualTo(
            "vastproxy: OTEL_EXPORTER_OTLP_ENDPOINT=collector:4318 is not an http(s) URL: use the"
                + " collector's OTLP/HTTP address, e.g. http://127.0.0.1:4318 (or none for no"
                + " tracing)"
                + System.lineSeparator());
  }
}
