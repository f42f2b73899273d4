package dev.vastproxy.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeEngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<FakeEngine> engines = new ArrayList<>();

  @AfterEach
  void stop() {
    engines.forEach(FakeEngine::close);
  }

  private FakeEngine start(FakeEngine.Builder builder) {
    FakeEngine engine = builder.start();
    engines.add(engine);
    return engine;
  }

  private HttpResponse<String> get(FakeEngine engine, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(engine.baseUri().resolve(path))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(FakeEngine engine, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(engine.baseUri().resolve(path))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listsItsModelLikeSglang() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().kind(EngineKind.SGLANG).model("m-1"));

    JsonNode list = JSON.readTree(get(engine, "/v1/models").body());

    assertThat(fieldNames(list.at("/data/0")))
        .isEqualTo(fieldNames(fixture("sglang-models.json").at("/data/0")));
    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.at("/data/0/id").asText()).isEqualTo("m-1");
    assertThat(list.at("/data/0/root").asText()).isEqualTo("m-1");
    assertThat(list.at("/data/0/owned_by").asText()).isEqualTo("sglang");
    assertThat(list.at("/data/0/max_model_len").asInt()).isEqualTo(32_768);
    assertThat(list.at("/data/0/created").asLong())
        .isCloseTo(Instant.now().getEpochSecond(), Offset.offset(60L));
    assertThat(get(engine, "/health").statusCode()).isEqualTo(200);
    assertThat(get(engine, "/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void listsItsModelLikeVllm() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().model("m-2").maxModelLen(8192));

    JsonNode list = JSON.readTree(get(engine, "/v1/models").body());
    JsonNode sample = fixture("vllm-models.json");

    assertThat(fieldNames(list)).isEqualTo(fieldNames(sample));
    assertThat(fieldNames(list.at("/data/0"))).isEqualTo(fieldNames(sample.at("/data/0")));
    assertThat(fieldNames(list.at("/data/0/permission/0")))
        .isEqualTo(fieldNames(sample.at("/data/0/permission/0")));
    assertThat(list.at("/data/0/owned_by").asText()).isEqualTo("vllm");
    assertThat(list.at("/data/0/max_model_len").asInt()).isEqualTo(8192);
    assertThat(list.at("/data/0/parent").isNull()).isTrue();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  // The real engines' wire samples, kept with the domain's test fixtures.
  private static JsonNode fixture(String name) throws IOException {
    return JSON.readTree(
        Path.of("..", "domain", "src", "test", "resources", "fixtures", "engines", name).toFile());
  }

  @Test
  void streamsTokensAsServerSentEventsEndingWithDone() throws Exception {
    FakeEngine engine =
        start(FakeEngine.builder().timing(Duration.ofMillis(30), Duration.ofMillis(40), 5));
    long start = System.nanoTime();

    HttpResponse<String> response =
        post(
            engine,
            "/v1/chat/completions",
            "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
    String[] events = response.body().split("\n\n");
    assertThat(events).hasSize(8);
    assertThat(events[0]).startsWith("data: {").contains("chat.completion.chunk");
    assertThat(events[5]).contains("\"finish_reason\":\"stop\"");
    assertThat(events[6]).contains("\"usage\"");
    assertThat(events[7]).isEqualTo("data: [DONE]");
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(30 + 4 * 40);
  }

  @Test
  void anAnswerCutByItsTokenLimitEndsWithLengthAsRealEnginesSay() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().timing(Duration.ZERO, Duration.ZERO, 5));

    String limited =
        post(engine, "/v1/chat/completions", "{\"stream\":true,\"max_tokens\":2,\"messages\":[]}")
            .body();
    String natural =
        post(engine, "/v1/chat/completions", "{\"stream\":true,\"max_tokens\":9,\"messages\":[]}")
            .body();
    JsonNode whole =
        JSON.readTree(
            post(engine, "/v1/completions", "{\"prompt\":\"x\",\"max_tokens\":5}").body());

    assertThat(limited).contains("\"finish_reason\":\"length\"").doesNotContain("\"stop\"");
    assertThat(natural).contains("\"finish_reason\":\"stop\"").doesNotContain("\"length\"");
    assertThat(whole.at("/choices/0/finish_reason").asText()).isEqualTo("length");
  }

  @Test
  void answersWholeCompletionsAndHonoursOverrides() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().timing(Duration.ZERO, Duration.ZERO, 3));

    JsonNode chat = JSON.readTree(post(engine, "/v1/chat/completions", "{\"messages\":[]}").body());
    JsonNode text =
        JSON.readTree(
            post(
                    engine,
                    "/v1/completions?n=2&ttft_ms=0&delay_ms=0",
                    "{\"prompt\":\"x\",\"max_tokens\":1}")
                .body());
    HttpResponse<String> streamedText =
        post(engine, "/v1/completions?n=2", "{\"prompt\":\"x\",\"stream\":true}");

    assertThat(chat.get("object").asText()).isEqualTo("chat.completion");
    assertThat(chat.at("/choices/0/message/content").asText()).isEqualTo("Hello from a");
    assertThat(chat.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    assertThat(text.at("/choices/0/text").asText()).isEqualTo("Hello");
    assertThat(streamedText.body()).contains("text_completion").endsWith("data: [DONE]\n\n");
  }

  @Test
  void refusesAnotherModelAndBadBodies() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().model("a"));

    HttpResponse<String> wrongModel = post(engine, "/v1/chat/completions", "{\"model\":\"b\"}");

    assertThat(wrongModel.statusCode()).isEqualTo(404);
    assertThat(wrongModel.body()).contains("The model `b` does not exist.");
    assertThat(post(engine, "/v1/chat/completions", "not json").statusCode()).isEqualTo(400);
    assertThat(post(engine, "/v1/chat/completions", "[1]").statusCode()).isEqualTo(400);
  }

  @Test
  void requiresItsBearerTokenLikeTheInstancePortal() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().bearerToken("tok"));

    HttpResponse<String> anonymous = get(engine, "/v1/models");
    HttpResponse<String> authorised =
        http.send(
            HttpRequest.newBuilder(engine.baseUri().resolve("/v1/models"))
                .header("Authorization", "Bearer tok")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("www-authenticate"))
        .contains("Basic realm=\"restricted\"");
    assertThat(authorised.statusCode()).isEqualTo(200);
    assertThat(engine.requests().get(1).header("Authorization")).contains("Bearer tok");
  }

  @Test
  void injectsFaults() throws Exception {
    FakeEngine engine = start(FakeEngine.builder());

    engine.setFault(Fault.HTTP_500);
    assertThat(get(engine, "/v1/models").statusCode()).isEqualTo(500);

    engine.setFault(Fault.LOADING_PLACEHOLDER);
    HttpResponse<String> loading = get(engine, "/v1/models");
    assertThat(loading.statusCode()).isEqualTo(502);
    assertThat(loading.headers().firstValue("x-portal-placeholder")).contains("true");

    engine.setFault(Fault.REDIRECT_TO_HTTPS);
    HttpResponse<String> redirect = get(engine, "/v1/models");
    assertThat(redirect.statusCode()).isEqualTo(308);
    assertThat(redirect.headers().firstValue("location"))
        .contains("https://127.0.0.1:" + engine.port() + "/v1/models");

    engine.setFault(Fault.REFUSE_CONNECTIONS);
    assertThatThrownBy(() -> get(engine, "/v1/models")).isInstanceOf(ConnectException.class);

    engine.setFault(Fault.NONE);
    assertThat(get(engine, "/v1/models").statusCode()).isEqualTo(200);
  }

  @Test
  void aHangingEngineNeverAnswersButSeesTheClientLeave() throws Exception {
    FakeEngine engine = start(FakeEngine.builder());
    engine.setFault(Fault.HANG);

    try (Socket socket = new Socket("127.0.0.1", engine.port())) {
      socket.getOutputStream().write(request("GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n"));
      socket.setSoTimeout(300);
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
    }
    Instant closedByClient = Instant.now();

    Instant seen = engine.requests().get(0).connectionClosed().get(2, TimeUnit.SECONDS);
    assertThat(Duration.between(closedByClient, seen)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void seesAClientThatLeavesBeforeTheFirstToken() throws Exception {
    FakeEngine engine =
        start(FakeEngine.builder().timing(Duration.ofSeconds(10), Duration.ofMillis(10), 5));
    String body = "{\"stream\":true}";

    try (Socket socket = new Socket("127.0.0.1", engine.port())) {
      socket
          .getOutputStream()
          .write(
              request(
                  "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + "Content-Length: "
                      + body.length()
                      + "\r\n\r\n"
                      + body));
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
      await().atMost(Duration.ofSeconds(2)).until(() -> engine.activeGenerations() == 1);
    }
    Instant closedByClient = Instant.now();

    Instant seen = engine.requests().get(0).connectionClosed().get(2, TimeUnit.SECONDS);
    assertThat(Duration.between(closedByClient, seen)).isLessThan(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(2)).until(() -> engine.activeGenerations() == 0);
    assertThat(engine.abandonedGenerations()).isEqualTo(1);
  }

  @Test
  void dropsTheConnectionMidStream() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().timing(Duration.ZERO, Duration.ofMillis(5), 20));
    engine.setFault(Fault.DROP_MID_STREAM);

    assertThatThrownBy(() -> post(engine, "/v1/chat/completions", "{\"stream\":true}"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void sglangAbortsEveryRunningGeneration() throws Exception {
    FakeEngine engine =
        start(
            FakeEngine.builder()
                .kind(EngineKind.SGLANG)
                .timing(Duration.ofSeconds(30), Duration.ofMillis(10), 5));
    var pending =
        http.sendAsync(
            HttpRequest.newBuilder(engine.baseUri().resolve("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(2)).until(() -> engine.activeGenerations() == 1);

    HttpResponse<String> abort =
        post(engine, "/abort_request", "{\"rid\":\"\",\"abort_all\":true}");

    assertThat(abort.statusCode()).isEqualTo(200);
    assertThat(pending.get(2, TimeUnit.SECONDS).body())
        .contains("\"finish_reason\":\"abort\"")
        .endsWith("data: [DONE]\n\n");
    assertThat(engine.abortAllCalls()).isEqualTo(1);
    assertThat(post(engine, "/abort_request", "{").statusCode()).isEqualTo(400);
  }

  @Test
  void vllmHasNoAbortEndpoint() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().kind(EngineKind.VLLM));

    assertThat(post(engine, "/abort_request", "{\"abort_all\":true}").statusCode()).isEqualTo(404);
  }

  @Test
  void recordsRequestsUpToItsLimitAndCountsConnections() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().recordLimit(2).model("x"));

    for (int i = 0; i < 3; i++) {
      get(engine, "/v1/models?i=" + i);
    }
    engine.setModel("y");
    engine.setTiming(Duration.ZERO, Duration.ZERO, 1);

    assertThat(engine.requestCount()).isEqualTo(3);
    assertThat(engine.requests())
        .extracting(RecordedRequest::path)
        .containsExactly("/v1/models?i=1", "/v1/models?i=2");
    assertThat(engine.openConnections()).isEqualTo(1);
    assertThat(engine.model()).isEqualTo("y");
    assertThat(engine.kind()).isEqualTo(EngineKind.VLLM);
    assertThat(engine.fault()).isEqualTo(Fault.NONE);
  }

  @Test
  void withoutRecordingItServesAndCountsButKeepsNothing() throws Exception {
    FakeEngine engine =
        start(FakeEngine.builder().recording(false).timing(Duration.ZERO, Duration.ZERO, 2));

    HttpResponse<String> streamed =
        post(engine, "/v1/chat/completions", "{\"messages\":[],\"stream\":true}");
    HttpResponse<String> whole = post(engine, "/v1/chat/completions", "{\"messages\":[]}");

    assertThat(streamed.body()).doesNotContain("\"t\":").endsWith("data: [DONE]\n\n");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(engine.requestCount()).isEqualTo(2);
    assertThat(engine.requests()).isEmpty();
  }

  private static byte[] request(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
