package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.adapters.http.relay.ProxySettings;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Reasons;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a client sees of the proxy itself: client keys, the model list, unknown models. */
class ClientFacingIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private HttpResponse<String> send(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(proxy.uri(path));
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void clientKeysAreRequiredWhenConfigured() throws Exception {
    proxy = ProxyHarness.builder(1).clientKeys("k-one", "k-two").start();

    HttpResponse<String> missing = send("/v1/chat/completions", "{}");
    HttpResponse<String> wrong =
        send("/v1/chat/completions", "{}", "Authorization", "Bearer k-three");
    HttpResponse<String> right =
        send("/v1/chat/completions", "{}", "Authorization", "Bearer k-two");
    HttpResponse<String> models = send("/v1/models", null, "Authorization", "bearer k-one");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(new ObjectMapper().readTree(missing.body()).at("/error/type").asText())
        .isEqualTo("invalid_request_error");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("k-one").doesNotContain("k-two");
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(proxy.engine(101).requests().get(0).headers().toString()).doesNotContain("k-two");
  }

  @Test
  void theModelListIsTheUnionOfHealthyBackends() throws Exception {
    proxy = ProxyHarness.builder(4).models("llama-70b", "qwen-8b").start();

    JsonNode list = new ObjectMapper().readTree(send("/v1/models", null).body());

    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.get("data")).hasSize(2);
    assertThat(list.at("/data/0/id").asText()).isEqualTo("llama-70b");
    assertThat(list.at("/data/1/id").asText()).isEqualTo("qwen-8b");
    assertThat(proxy.engines).allSatisfy(e -> assertThat(e.requestCount()).isZero());
  }

  @Test
  void eachRequestGoesOnlyToABackendOfItsModel() throws Exception {
    proxy =
        ProxyHarness.builder(4)
            .models("llama-70b", "qwen-8b")
            .engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1))
            .start();

    for (int i = 0; i < 20; i++) {
      String model = i % 2 == 0 ? "llama-70b" : "qwen-8b";
      HttpResponse<String> response =
          send("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[]}");
      assertThat(response.statusCode()).isEqualTo(200);
      long servedBy =
          Long.parseLong(response.headers().firstValue("X-VastProxy-Instance").orElseThrow());
      assertThat(proxy.engine(servedBy).model()).isEqualTo(model);
    }
    assertThat(proxy.engines).allSatisfy(e -> assertThat(e.requestCount()).isEqualTo(5));
  }

  @Test
  void anUnknownModelIs404ListingTheModelsOnOffer() throws Exception {
    proxy = ProxyHarness.builder(2).models("llama-70b", "qwen-8b").start();

    HttpResponse<String> response =
        send("/v1/chat/completions", "{\"messages\":[],\"model\":\"gpt-4\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = new ObjectMapper().readTree(response.body()).get("error");
    assertThat(error.get("message").asText()).contains("gpt-4", "llama-70b", "qwen-8b");
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void noHealthyBackendMeansAnEmptyModelList() throws Exception {
    proxy = ProxyHarness.builder(1).start();
    proxy.fleet.updateBackend(
        new InstanceId(101), b -> b.markFailed(Instant.now(), Reasons.FAILED));

    HttpResponse<String> models = send("/v1/models", null);

    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.headers().firstValue("content-type")).contains("application/json");
    assertThat(models.body()).isEqualTo("{\"object\":\"list\",\"data\":[]}");
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)).start();
    String body = "{\"model\":\"Qwen/Qwen3-8B\",\"prompt\":\"x\"}";

    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              ("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + "Expect: 100-continue\r\nContent-Length: "
                      + body.length()
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] interim = new byte[25];
      int read = socket.getInputStream().read(interim);
      assertThat(new String(interim, 0, read, StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 100 Continue");
      socket.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
      byte[] rest = new byte[4096];
      read = socket.getInputStream().read(rest);
      assertThat(new String(rest, 0, read, StandardCharsets.US_ASCII)).contains("200 OK");
    }
    assertThat(proxy.engine(101).requests().get(0).header("Expect")).isEmpty();
  }

  @Test
  void bodiesOverThePeekLimitStreamThroughUnchangedAndUnrouted() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1))
            .settings(new ProxySettings(64, Duration.ofSeconds(2), Duration.ofMinutes(1), 3))
            .start();
    String big =
        "{\"messages\":[],\"padding\":\"" + "x".repeat(500) + "\",\"model\":\"Qwen/Qwen3-8B\"}";

    HttpResponse<String> response = send("/v1/chat/completions", big);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(proxy.engine(101).requests().get(0).body(), StandardCharsets.UTF_8))
        .isEqualTo(big);
    assertThat(Duration.ofMillis(1)).isPositive();
  }
}
