package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.FakeEngine;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many mixed requests, some clients leaving early: nothing is left in flight or leaked. */
class LoadIT {
  private static final int REQUESTS = 10_000;
  private static final int THREADS = 16;

  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void tenThousandMixedRequestsLeaveNothingBehind() throws Exception {
    proxy =
        ProxyHarness.builder(3)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(1), 3).recordLimit(100))
            .start();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger abandoned = new AtomicInteger();
    List<Future<?>> work = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      int kind = i % 10;
      work.add(
          pool.submit(
              () -> {
                if (kind == 9) {
                  try (RawHttp client = new RawHttp(proxy.port())) {
                    client.post("/v1/chat/completions", "{\"stream\":true}");
                    abandoned.incrementAndGet();
                  }
                  return null;
                }
                HttpRequest.Builder request =
                    HttpRequest.newBuilder(
                        proxy.uri(kind == 7 ? "/health" : "/v1/chat/completions"));
                if (kind != 7) {
                  request
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              kind < 5 ? "{\"stream\":true}" : "{\"stream\":false}"));
                }
                if (kind == 8) {
                  request.header("X-VastProxy-Instance", "102");
                }
                HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                  ok.incrementAndGet();
                }
                return null;
              }));
    }
    for (Future<?> done : work) {
      done.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertThat(ok.get()).isEqualTo(REQUESTS - abandoned.get());
    await().atMost(Duration.ofSeconds(20)).until(() -> proxy.inFlight() == 0);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> proxy.engines.stream().mapToInt(FakeEngine::activeGenerations).sum() == 0);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(proxy.engines.stream().mapToInt(FakeEngine::openConnections).sum())
                    .as("backend connections open = idle in the proxy's pool (none leaked)")
                    .isEqualTo(proxy.connections.idleCount()));
    assertThat(proxy.connections.idleCount()).isLessThanOrEqualTo(3 * 2 * 64);
  }

  @Test
  void aFiftyMebibyteBodyReachesTheBackendIntact() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)).start();
    byte[] body = new byte[50 * 1024 * 1024];
    byte[] head = "{\"model\":\"Qwen/Qwen3-8B\",\"prompt\":\"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, body, 0, head.length);
    for (int i = head.length; i < body.length - 2; i++) {
      body[i] = (byte) ('a' + i % 26);
    }
    body[body.length - 2] = '"';
    body[body.length - 1] = '}';

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    byte[] received = proxy.engine(101).requests().get(0).body();
    assertThat(received.length).isEqualTo(body.length);
    assertThat(Arrays.equals(received, body)).isTrue();
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
