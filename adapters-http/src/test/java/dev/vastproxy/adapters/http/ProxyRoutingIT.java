package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Reasons;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Round-robin, sticky routing and header handling through a real proxy and fake engines. */
class ProxyRoutingIT {
  private static final String CHAT = "{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}";

  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @BeforeEach
  void start() {
    proxy = ProxyHarness.builder(3).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 2)).start();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private HttpResponse<String> chat(String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions?trace=1"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CHAT));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void spreadsRequestsEvenlyOverHealthyBackends() throws Exception {
    Map<String, Integer> servedBy = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      HttpResponse<String> response = chat();
      assertThat(response.statusCode()).isEqualTo(200);
      servedBy.merge(
          response.headers().firstValue("X-VastProxy-Instance").orElseThrow(), 1, Integer::sum);
    }

    assertThat(servedBy)
        .containsOnlyKeys("101", "102", "103")
        .allSatisfy((id, n) -> assertThat(n).isEqualTo(100));
    for (FakeEngine engine : proxy.engines) {
      assertThat(engine.requestCount()).isEqualTo(100);
    }
  }

  @Test
  void stickyRequestsGoToTheirInstance() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(chat("X-VastProxy-Instance", "102").headers().firstValue("X-VastProxy-Instance"))
          .contains("102");
    }
    assertThat(proxy.engine(102).requestCount()).isEqualTo(10);
  }

  @Test
  void anUnknownOrUnhealthyStickyInstanceFallsBack() throws Exception {
    proxy.fleet.updateBackend(
        new InstanceId(102), b -> b.markFailed(Instant.now(), Reasons.FAILED));

    for (String pin : new String[] {"102", "999", "not-an-id", ""}) {
      HttpResponse<String> response = chat("X-VastProxy-Instance", pin);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-VastProxy-Instance"))
          .isPresent()
          .get()
          .isNotEqualTo("102");
    }
    assertThat(proxy.engine(102).requestCount()).isZero();
  }

  @Test
  void backendsGetTheirOwnBearerAndNeverTheClientsKeyOrTheStickyHeader() throws Exception {
    chat(
        "Authorization", "Bearer client-secret", "X-VastProxy-Instance", "101", "X-Custom", "kept");

    RecordedRequest seen = proxy.engine(101).requests().get(0);
    assertThat(seen.header("Authorization")).contains("Bearer " + ProxyHarness.token(101));
    assertThat(seen.headers().toString()).doesNotContain("client-secret");
    assertThat(seen.header("X-VastProxy-Instance")).isEmpty();
    assertThat(seen.header("X-Custom")).contains("kept");
    assertThat(seen.header("X-Forwarded-For")).contains("127.0.0.1");
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.path()).isEqualTo("/v1/chat/completions?trace=1");
    assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo(CHAT);
  }

  @Test
  void getsGoThroughWithTheirQueryAndNoBody() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/health?x=a%20b&y")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest seen = proxy.engine(101).requests().get(0);
    assertThat(seen.path()).isEqualTo("/health?x=a%20b&y");
    assertThat(seen.body()).isEmpty();
  }

  @Test
  void errorsFromTheBackendPassThrough() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/embeddings"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("NotFoundError");
    assertThat(response.headers().firstValue("X-VastProxy-Instance")).isPresent();
  }
}
