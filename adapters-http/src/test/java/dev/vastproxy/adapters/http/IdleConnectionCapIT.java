package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backend connections beyond the idle cap (per backend and IO thread; one thread here) are closed
 * at once when their answer ends; the ones under it stay open for the next requests.
 */
class IdleConnectionCapIT {
  private static final int CAP = 2;
  private static final int STREAMS = 5;

  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void connectionsAboveTheCapAreClosedAndTheRestKept() {
    proxy =
        ProxyHarness.builder(1)
            .ioThreads(1)
            .idleConnections(CAP)
            .engines(e -> e.timing(Duration.ofSeconds(2), Duration.ZERO, 3))
            .start();
    FakeEngine engine = proxy.engines.get(0);
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      answers.add(
          http.sendAsync(
              HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"messages\":[]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    // All streams generate at once, so each holds a backend connection of its own.
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.activeGenerations() == STREAMS);

    assertThat(answers).allSatisfy(answer -> assertThat(answer.join().body()).contains("[DONE]"));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(engine.openConnections())
                    .as("idle in the proxy: %d", proxy.connections.idleCount())
                    .isEqualTo(CAP));
    assertThat(proxy.connections.idleCount()).isEqualTo(CAP);
    assertThat(engine.requests())
        .extracting(RecordedRequest::connectionClosed)
        .filteredOn(CompletableFuture::isDone)
        .hasSize(STREAMS - CAP);
  }
}
