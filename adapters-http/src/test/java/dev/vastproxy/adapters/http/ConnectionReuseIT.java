package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend connection whose answer was read to its end goes back to the idle set and carries the
 * next request, whether the answer had a length or was streamed in chunks.
 */
class ConnectionReuseIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;
  private FakeEngine engine;

  @BeforeEach
  void start() {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 3)).start();
    engine = proxy.engines.get(0);
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private void chat(boolean stream) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":" + stream + ",\"messages\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(stream ? "[DONE]" : "chat.completion");
  }

  @Test
  void wholeAnswersLeaveTheirConnectionOpenForTheNextRequest() throws Exception {
    for (int i = 0; i < 5; i++) {
      chat(false);
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections.idleCount() == 1);
    assertThat(engine.openConnections()).isEqualTo(1);
    assertThat(engine.requests())
        .hasSize(5)
        .allSatisfy(request -> assertThat(request.connectionClosed()).isNotDone());
  }

  @Test
  void streamedAnswersLeaveTheirConnectionOpenForTheNextRequest() throws Exception {
    for (int i = 0; i < 5; i++) {
      chat(true);
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections.idleCount() == 1);
    assertThat(engine.openConnections()).isEqualTo(1);
    assertThat(engine.requests())
        .extracting(RecordedRequest::connectionClosed)
        .allSatisfy(closed -> assertThat(closed).isNotDone());
  }
}
