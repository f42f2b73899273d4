package dev.vastproxy.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponsesEndpointTest {
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

  private HttpRequest request(FakeEngine engine, String path, String body) {
    return HttpRequest.newBuilder(engine.baseUri().resolve(path))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer tok")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpResponse<String> post(FakeEngine engine, String path, String body) throws Exception {
    return http.send(request(engine, path, body), HttpResponse.BodyHandlers.ofString());
  }

  /** Each SSE event of a body as {name, data}. */
  private static List<String[]> events(String body) {
    List<String[]> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      String[] lines = block.split("\n");
      assertThat(lines).hasSize(2);
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      events.add(new String[] {lines[0].substring(7), lines[1].substring(6)});
    }
    return events;
  }

  @Test
  void streamsResponsesEventsLikeVllm() throws Exception {
    FakeEngine engine =
        start(
            FakeEngine.builder()
                .bearerToken("tok")
                .timing(Duration.ofMillis(30), Duration.ofMillis(10), 4));
    long start = System.nanoTime();

    HttpResponse<String> response =
        post(
            engine,
            "/v1/responses",
            "{\"model\":\"Qwen/Qwen3-8B\",\"input\":\"hi\",\"stream\":true}");
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
    assertThat(response.body()).doesNotContain("[DONE]").doesNotContain("\"t\":");
    List<String[]> events = events(response.body());
    assertThat(events)
        .extracting(event -> event[0])
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    StringBuilder deltas = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      JsonNode data = JSON.readTree(events.get(i)[1]);
      assertThat(data.get("type").asText()).isEqualTo(events.get(i)[0]);
      assertThat(data.get("sequence_number").asInt()).isEqualTo(i);
      if (data.has("delta")) {
        deltas.append(data.get("delta").asText());
      }
    }
    JsonNode created = JSON.readTree(events.get(0)[1]).get("response");
    JsonNode done = JSON.readTree(events.get(8)[1]);
    JsonNode completed = JSON.readTree(events.get(11)[1]).get("response");
    assertThat(created.get("status").asText()).isEqualTo("in_progress");
    assertThat(created.get("model").asText()).isEqualTo("Qwen/Qwen3-8B");
    assertThat(deltas).hasToString("Hello from a simulated");
    assertThat(done.get("text").asText()).isEqualTo("Hello from a simulated");
    assertThat(completed.get("id").asText()).isEqualTo(created.get("id").asText());
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
    assertThat(completed.at("/output/0/content/0/text").asText())
        .isEqualTo("Hello from a simulated");
    assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(4);
    assertThat(completed.at("/usage/total_tokens").asInt())
        .isEqualTo(completed.at("/usage/input_tokens").asInt() + 4);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(30 + 3 * 10);
  }

  @Test
  void answersWholeResponsesHonouringMaxOutputTokens() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().timing(Duration.ZERO, Duration.ZERO, 5));

    JsonNode whole = JSON.readTree(post(engine, "/v1/responses", "{\"input\":\"hi\"}").body());
    JsonNode capped =
        JSON.readTree(
            post(engine, "/v1/responses", "{\"input\":\"hi\",\"max_output_tokens\":2}").body());

    assertThat(whole.get("object").asText()).isEqualTo("response");
    assertThat(whole.get("status").asText()).isEqualTo("completed");
    assertThat(whole.at("/output/0/type").asText()).isEqualTo("message");
    assertThat(whole.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
    assertThat(whole.at("/output/0/content/0/text").asText())
        .isEqualTo("Hello from a simulated GPU");
    assertThat(whole.at("/usage/output_tokens").asInt()).isEqualTo(5);
    assertThat(capped.at("/output/0/content/0/text").asText()).isEqualTo("Hello from");
    assertThat(capped.at("/usage/output_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void checksTheBearerTokenModelAndFaultsLikeChat() throws Exception {
    FakeEngine engine = start(FakeEngine.builder().bearerToken("other").model("a"));

    HttpResponse<String> anonymous = post(engine, "/v1/responses", "{\"input\":\"hi\"}");
    FakeEngine open = start(FakeEngine.builder().model("a"));
    HttpResponse<String> wrongModel =
        post(open, "/v1/responses", "{\"model\":\"b\",\"input\":\"hi\"}");
    HttpResponse<String> notJson = post(open, "/v1/responses", "nope");
    open.setFault(Fault.HTTP_500);
    HttpResponse<String> failing = post(open, "/v1/responses", "{\"input\":\"hi\"}");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(failing.statusCode()).isEqualTo(500);
    assertThat(wrongModel.statusCode()).isEqualTo(404);
    assertThat(notJson.statusCode()).isEqualTo(400);
  }

  @Test
  void anAbortedResponseEndsIncomplete() throws Exception {
    FakeEngine engine =
        start(
            FakeEngine.builder()
                .kind(EngineKind.SGLANG)
                .timing(Duration.ofSeconds(30), Duration.ofMillis(10), 5));
    var streamed =
        http.sendAsync(
            request(engine, "/v1/responses", "{\"input\":\"hi\",\"stream\":true}"),
            HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(2)).until(() -> engine.activeGenerations() == 1);
    post(engine, "/abort_request", "{\"rid\":\"\",\"abort_all\":true}");
    var whole =
        http.sendAsync(
            request(engine, "/v1/responses", "{\"input\":\"hi\"}"),
            HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(2)).until(() -> engine.activeGenerations() == 1);
    post(engine, "/abort_request", "{\"rid\":\"\",\"abort_all\":true}");

    List<String[]> events = events(streamed.get(2, TimeUnit.SECONDS).body());
    JsonNode last = JSON.readTree(events.get(events.size() - 1)[1]);
    JsonNode answer = JSON.readTree(whole.get(2, TimeUnit.SECONDS).body());
    assertThat(events.get(events.size() - 1)[0]).isEqualTo("response.incomplete");
    assertThat(last.at("/response/status").asText()).isEqualTo("incomplete");
    assertThat(last.at("/response/usage/output_tokens").asInt()).isZero();
    assertThat(answer.get("status").asText()).isEqualTo("incomplete");
  }

  @Test
  void timestampsAreSentOnlyWhenAskedFor() throws Exception {
    FakeEngine timed =
        start(FakeEngine.builder().sendTimestamps(true).timing(Duration.ZERO, Duration.ZERO, 2));

    String chat = post(timed, "/v1/chat/completions", "{\"stream\":true}").body();
    String text = post(timed, "/v1/completions", "{\"stream\":true}").body();
    String responses = post(timed, "/v1/responses", "{\"stream\":true}").body();

    assertThat(chat.split("\"t\":", -1)).hasSize(3);
    assertThat(text.split("\"t\":", -1)).hasSize(3);
    assertThat(responses.split("\"t\":", -1)).hasSize(3);
  }
}
