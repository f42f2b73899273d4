package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.RecordedRequest;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SSE reaches the client event by event, unbuffered and unchanged. */
class StreamingIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void eventsArriveAsTheBackendWritesThemAndTheBodyIsByteIdentical() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .engines(e -> e.timing(Duration.ofMillis(1000), Duration.ofMillis(100), 20))
            .start();
    long start = System.nanoTime();

    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true,\"messages\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long headersMillis = (System.nanoTime() - start) / 1_000_000;
    StringBuilder body = new StringBuilder();
    List<Long> eventMillis = new ArrayList<>();
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[4096];
      int frames = 0;
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        body.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        int complete = body.toString().split("\n\n", -1).length - 1;
        long now = (System.nanoTime() - start) / 1_000_000;
        for (; frames < complete; frames++) {
          eventMillis.add(now);
        }
      }
    }

    assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
    assertThat(headersMillis).as("headers before the first token").isLessThan(700);
    assertThat(eventMillis.get(0)).as("first token after TTFT").isGreaterThanOrEqualTo(990);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < 20; i++) {
      gaps.add(eventMillis.get(i) - eventMillis.get(i - 1));
    }
    // A buffering proxy delivers in bursts (gaps near 0); a loaded machine may bunch one or two.
    assertThat(gaps.stream().sorted().toList().get(gaps.size() / 2)).isBetween(80L, 130L);
    assertThat(gaps.stream().filter(gap -> gap >= 50 && gap <= 250).count())
        .as("gaps near 100 ms in " + gaps)
        .isGreaterThanOrEqualTo(15);
    RecordedRequest served = proxy.engine(101).requests().get(0);
    await().until(() -> served.sent().isComplete());
    assertThat(body.toString()).isEqualTo(served.sent().text());
    assertThat(body.toString()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void nonStreamedAnswersArriveWholeWithTheirLength() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 5)).start();

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"x\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    RecordedRequest served = proxy.engine(101).requests().get(0);
    assertThat(response.body()).isEqualTo(served.sent().text());
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
  }
}
