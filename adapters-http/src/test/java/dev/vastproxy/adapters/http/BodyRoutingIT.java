package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.relay.ProxySettings;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Reasons;
import dev.vastproxy.simulator.engine.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests are routed by the model the engine will read, whatever shape the body comes in: the last
 * of duplicate keys, without a Content-Type, compressed. A model nobody healthy serves now is a
 * passing outage, not an unknown model.
 */
class BodyRoutingIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private void twoModels() {
    proxy =
        ProxyHarness.builder(2)
            .models("m-a", "m-b")
            .engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1))
            .start();
  }

  /** One engine behind a proxy whose bodies may hold 64 KiB in memory, all requests together. */
  private void smallBodyBudget() {
    proxy =
        ProxyHarness.builder(1)
            .engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1))
            .settings(ProxySettings.DEFAULTS.withPeekMemoryLimit(64 * 1024))
            .start();
  }

  private HttpResponse<String> send(byte[] body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String instanceOf(HttpResponse<String> response) {
    return response.headers().firstValue("X-VastProxy-Instance").orElseThrow();
  }

  private String servedBy(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("X-VastProxy-Instance").orElseThrow();
  }

  @Test
  void duplicateModelKeysRouteByTheLastAsTheEnginesReadThem() throws Exception {
    twoModels();
    byte[] body = utf8("{\"model\":\"m-a\",\"messages\":[],\"model\":\"m-b\"}");

    for (int i = 0; i < 4; i++) {
      assertThat(servedBy(send(body, "Content-Type", "application/json"))).isEqualTo("102");
    }
  }

  @Test
  void aBodyWithoutContentTypeIsReadForItsModel() throws Exception {
    twoModels();

    for (int i = 0; i < 4; i++) {
      assertThat(servedBy(send(utf8("{\"model\":\"m-b\",\"messages\":[]}")))).isEqualTo("102");
    }
  }

  @Test
  void gzipAndDeflateBodiesAreDecodedToFindTheModelAndSentOnAsTheyCame() throws Exception {
    twoModels();
    byte[] json = utf8("{\"model\":\"m-b\",\"messages\":[]}");
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(json);
    }
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
      out.write(json);
    }

    // The engines answer what they make of a compressed body; the proxy's part is where it goes.
    for (int i = 0; i < 2; i++) {
      assertThat(
              instanceOf(
                  send(
                      gzipped.toByteArray(),
                      "Content-Type",
                      "application/json",
                      "Content-Encoding",
                      "gzip")))
          .isEqualTo("102");
      assertThat(
              instanceOf(
                  send(
                      deflated.toByteArray(),
                      "Content-Type",
                      "application/json",
                      "Content-Encoding",
                      "deflate")))
          .isEqualTo("102");
    }
    assertThat(proxy.engine(102).requests().get(0).body()).isEqualTo(gzipped.toByteArray());
    assertThat(proxy.engine(101).requests()).isEmpty();
  }

  @Test
  void aServedModelWithoutAHealthyBackendIs503WithRetryAfterNot404() throws Exception {
    twoModels();
    proxy.fleet.updateBackend(
        new InstanceId(102), b -> b.markFailed(Instant.now(), Reasons.FAILED));

    HttpResponse<String> unavailable =
        send(utf8("{\"model\":\"m-b\",\"messages\":[]}"), "Content-Type", "application/json");
    HttpResponse<String> unknown =
        send(utf8("{\"model\":\"m-z\",\"messages\":[]}"), "Content-Type", "application/json");

    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.headers().firstValue("Retry-After")).contains("1");
    assertThat(unavailable.body())
        .startsWith("{\"error\":{\"message\":")
        .contains("\"code\":\"model_unavailable\"");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("model_not_found");
  }

  @Test
  void theEngineSeesTheProxysViewOfForwardingNotTheClientsClaims() throws Exception {
    twoModels();

    servedBy(
        send(
            utf8("{\"model\":\"m-a\",\"messages\":[]}"),
            "Content-Type",
            "application/json",
            "Forwarded",
            "for=6.6.6.6;host=evil",
            "X-Forwarded-For",
            "6.6.6.6",
            "X-Forwarded-Host",
            "evil.example",
            "X-Forwarded-Port",
            "1"));

    RecordedRequest seen = proxy.engine(101).requests().get(0);
    assertThat(seen.headers().get("x-forwarded-for")).containsExactly("127.0.0.1");
    assertThat(seen.header("x-forwarded-proto")).contains("http");
    assertThat(seen.headers().get("x-forwarded-host")).containsExactly("127.0.0.1:" + proxy.port());
    assertThat(seen.headers().get("forwarded"))
        .containsExactly("for=127.0.0.1;proto=http;host=\"127.0.0.1:" + proxy.port() + "\"");
    assertThat(seen.headers()).doesNotContainKey("x-forwarded-port");
  }

  @Test
  void everyRequestOfAKeptConnectionIsForwardedForItsClient() throws Exception {
    twoModels();

    try (RawHttp client = new RawHttp(proxy.port())) {
      for (int i = 0; i < 3; i++) {
        client.post("/v1/chat/completions", "{\"model\":\"m-a\",\"messages\":[]}");
        // Each answer is read whole before the next request: none is pipelined.
        assertThat(client.readUntilSeen("\"usage\"", i + 1)).isTrue();
      }
      assertThat(client.received()).doesNotContain("HTTP/1.1 4", "HTTP/1.1 5");
    }

    assertThat(proxy.engine(101).requests())
        .hasSize(3)
        .allSatisfy(
            seen -> {
              assertThat(seen.headers().get("x-forwarded-for")).containsExactly("127.0.0.1");
              assertThat(seen.headers().get("forwarded"))
                  .containsExactly("for=127.0.0.1;proto=http;host=\"proxy\"");
            });
  }

  @Test
  void bodiesOverTheSharedMemoryBudgetAre503NotAnOutOfMemoryError() throws Exception {
    smallBodyBudget();
    String pad = "x".repeat(200_000);

    HttpResponse<String> refused =
        send(
            utf8("{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[],\"pad\":\"" + pad + "\"}"),
            "Content-Type",
            "application/json");
    HttpResponse<String> small =
        send(
            utf8("{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}"),
            "Content-Type",
            "application/json");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("proxy_busy");
    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(proxy.engine(101).requests()).hasSize(1);
  }

  /**
   * Sends a 400 KB chat body 30 times, each from a fresh client that streams its body while it
   * waits for the answer, as most do: were the connection closed under the rest of the body, its
   * writes would fail and the answer be lost.
   */
  private List<HttpResponse<String>> largeBodiesFromFreshClients(String... headers)
      throws Exception {
    byte[] body = utf8("{\"model\":\"Qwen/Qwen3-8B\",\"pad\":\"" + "x".repeat(400_000) + "\"}");
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      for (int h = 0; h < headers.length; h += 2) {
        request.header(headers[h], headers[h + 1]);
      }
      answers.add(
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }
    return answers;
  }

  /** A proxy that reads only the first 16 KiB of a body to find its model. */
  private void smallModelPeek(String... clientKeys) {
    proxy =
        ProxyHarness.builder(1)
            .settings(
                new ProxySettings(16 * 1024, Duration.ofSeconds(5), Duration.ofMinutes(10), 3))
            .clientKeys(clientKeys)
            .start();
  }

  @Test
  void aBodyOverTheBudgetIsReadToItsEndBeforeThe503SoNoResetDestroysIt() throws Exception {
    smallBodyBudget();

    for (HttpResponse<String> refused : largeBodiesFromFreshClients()) {
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("proxy_busy");
    }
    assertThat(proxy.engine(101).requests()).isEmpty();
  }

  @Test
  void aDrainingReplicaReadsTheUnusedRestOfABodyBeforeItsEarlyAnswer() throws Exception {
    // With no instance to send it to, the 503 comes before the rest of the body is read.
    smallModelPeek();
    proxy.remove(101);
    proxy.replica.beginDrain();

    for (HttpResponse<String> refused : largeBodiesFromFreshClients()) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(refused.headers().firstValue("Connection")).contains("close");
    }
  }

  @Test
  void aDrainingReplicaReadsTheBodyOfARequestWithoutAValidKeyBeforeThe401() throws Exception {
    smallModelPeek("sk-right");
    proxy.replica.beginDrain();

    for (HttpResponse<String> refused :
        largeBodiesFromFreshClients("Authorization", "Bearer sk-wrong")) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
      assertThat(refused.headers().firstValue("Connection")).contains("close");
    }
    assertThat(proxy.engine(101).requests()).isEmpty();
  }

  /** What a client that waits for "100 Continue" before its 400 KB body receives. */
  private String answerToAClientWaitingForContinue(String headers) throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(
          "POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\nContent-Type: application/json\r\n"
              + headers
              + "Expect: 100-continue\r\nContent-Length: 400000\r\n\r\n");
      return client.readToEnd();
    }
  }

  @Test
  void aClientWaitingForContinueGetsTheEarlyAnswerWithoutBeingAskedForItsBody() throws Exception {
    smallModelPeek("sk-right");
    proxy.replica.beginDrain();

    assertThat(answerToAClientWaitingForContinue("Authorization: Bearer sk-wrong\r\n"))
        .startsWith("HTTP/1.1 401")
        .doesNotContain("100 Continue");

    proxy.remove(101);
    assertThat(answerToAClientWaitingForContinue("Authorization: Bearer sk-right\r\n"))
        .startsWith("HTTP/1.1 503")
        .doesNotContain("100 Continue");
  }

  @Test
  void aBodyThatEndsBeforeItsLengthIs400NotASilentClose() throws Exception {
    smallModelPeek();

    try (RawHttp client = new RawHttp(proxy.port())) {
      client
          .send(
              "POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\nContent-Type: application/json"
                  + "\r\nContent-Length: 1000\r\n\r\n{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[")
          .endSending();

      assertThat(client.readToEnd()).startsWith("HTTP/1.1 400").contains("invalid_body");
    }
    assertThat(proxy.engine(101).requests()).isEmpty();
  }

  @Test
  void aClientThatStopsMidBodyOverTheBudgetGetsThe503AfterABoundedWait() throws Exception {
    smallBodyBudget();

    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(
          "POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\nContent-Type: application/json\r\n"
              + "Content-Length: 400000\r\n\r\n{\"model\":\"Qwen/Qwen3-8B\",\"pad\":\""
              + "x".repeat(100_000));

      // Not all of the body ever comes; the answer does, within the socket's 10 s timeout.
      assertThat(client.readUntil("proxy_busy")).isTrue();
      assertThat(client.received()).startsWith("HTTP/1.1 503");
    }
  }
}
