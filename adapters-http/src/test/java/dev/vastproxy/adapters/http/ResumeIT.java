package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.backend.RescueCounts;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.simulator.engine.Fault;
import dev.vastproxy.simulator.engine.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streams that survive their instance: a stream that breaks is continued by another engine and
 * spliced in, so the client reads one answer, whole, once; what cannot be continued ends with an
 * error event; a request whose engine fails before answering goes to another engine.
 */
class ResumeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WHOLE =
      "Hello from a simulated GPU. Tokens arrive one by one"
          + "Hello from a simulated GPU. Tokens arrive one";

  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private void twoEngines() {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(5), 40))
            .start();
  }

  private HttpResponse<String> chat(String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String streamed(int maxTokens) {
    return "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"max_tokens\":"
        + maxTokens
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  /** The data of every event, in order. */
  private static List<String> events(String body) {
    List<String> data = new ArrayList<>();
    for (String event : body.split("\n\n")) {
      if (event.startsWith("data: ")) {
        data.add(event.substring(6));
      }
    }
    return data;
  }

  private static String content(List<String> events) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String event : events) {
      if (!event.equals("[DONE]")) {
        JsonNode delta = JSON.readTree(event).path("choices").path(0).path("delta");
        text.append(delta.path("content").asText(""));
      }
    }
    return text.toString();
  }

  @Test
  void aStreamWhoseEngineDiesIsContinuedElsewhereAndReadsAsOneAnswer() throws Exception {
    twoEngines();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    HttpResponse<String> response = chat(streamed(20), "X-VastProxy-Instance", "101");

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> events = events(response.body());
    assertThat(content(events)).isEqualTo(WHOLE.substring(0, length(20)));
    assertThat(events).filteredOn(e -> e.equals("[DONE]")).hasSize(1);
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    Set<String> ids = new HashSet<>();
    int finishes = 0;
    for (String event : events.subList(0, events.size() - 1)) {
      JsonNode chunk = JSON.readTree(event);
      ids.add(chunk.path("id").asText());
      if (!chunk.path("choices").path(0).path("finish_reason").isNull()) {
        finishes++;
      }
    }
    assertThat(ids).hasSize(1);
    assertThat(finishes).isEqualTo(1);

    RecordedRequest continuation = proxy.engine(102).requests().get(0);
    JsonNode sent = JSON.readTree(continuation.body());
    assertThat(sent.path("continue_final_message").asBoolean()).isTrue();
    assertThat(sent.path("add_generation_prompt").asBoolean(true)).isFalse();
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(17);
    JsonNode last = sent.path("messages").path(sent.path("messages").size() - 1);
    assertThat(last.path("role").asText()).isEqualTo("assistant");
    assertThat(last.path("content").asText()).isEqualTo("Hello from a");
    assertThat(proxy.engine(101).requests()).hasSize(1);
    await().until(() -> proxy.inFlight() == 0);
  }

  /** The length of the first {@code tokens} words of the simulated text. */
  private static int length(int tokens) {
    String[] words = {
      "Hello", " from", " a", " simulated", " GPU", ".", " Tokens", " arrive", " one", " by", " one"
    };
    int length = 0;
    for (int i = 0; i < tokens; i++) {
      length += words[i % words.length].length();
    }
    return length;
  }

  @Test
  void usageInTheLastChunkCoversTheWholeAnswer() throws Exception {
    twoEngines();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    HttpResponse<String> response =
        chat(
            "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"max_tokens\":12,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[]}",
            "X-VastProxy-Instance",
            "101");

    List<String> events = events(response.body());
    JsonNode usage = JSON.readTree(events.get(events.size() - 2)).path("usage");
    assertThat(usage.path("completion_tokens").asInt()).isEqualTo(12);
    assertThat(content(events)).isEqualTo(WHOLE.substring(0, length(12)));
  }

  @Test
  void whatCannotBeResumedEndsWithAnErrorEventNotASilentEnd() throws Exception {
    twoEngines();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    HttpResponse<String> turnedOff =
        chat(streamed(20), "X-VastProxy-Instance", "101", "X-VastProxy-Resume", "off");
    HttpResponse<String> twoChoices =
        chat(
            "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"n\":2,\"messages\":[]}",
            "X-VastProxy-Instance",
            "101");
    HttpResponse<String> constrained =
        chat(
            "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,"
                + "\"response_format\":{\"type\":\"json_object\"},\"messages\":[]}",
            "X-VastProxy-Instance",
            "101");

    for (HttpResponse<String> response : List.of(turnedOff, twoChoices, constrained)) {
      List<String> events = events(response.body());
      assertThat(events).doesNotContain("[DONE]");
      JsonNode error = JSON.readTree(events.get(events.size() - 1)).path("error");
      assertThat(error.path("code").asText()).isEqualTo("stream_interrupted");
      assertThat(error.path("message").asText()).contains("cannot be resumed");
    }
    assertThat(proxy.engine(102).requests()).isEmpty();
  }

  @Test
  void withNoOtherEngineTheStreamEndsWithAnErrorEvent() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(5), 40))
            .start();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    HttpResponse<String> response = chat(streamed(20));

    assertThat(events(response.body()).get(events(response.body()).size() - 1))
        .contains("no other healthy instance serves the model");
  }

  @Test
  void aTextCompletionIsContinuedWithItsPromptExtended() throws Exception {
    twoEngines();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/completions"))
                .header("Content-Type", "application/json")
                .header("X-VastProxy-Instance", "101")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"max_tokens\":10,"
                            + "\"prompt\":\"Once upon\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    JsonNode sent = JSON.readTree(proxy.engine(102).requests().get(0).body());
    assertThat(sent.path("prompt").asText()).isEqualTo("Once uponHello from a");
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(7);
  }

  @Test
  void aPlaceholder502GoesToAnotherEngineBeforeTheFirstByte() throws Exception {
    twoEngines();
    proxy.engine(101).setFault(Fault.LOADING_PLACEHOLDER);

    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = chat(streamed(5));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-VastProxy-Instance")).contains("102");
    }
    HttpResponse<String> whole =
        chat("{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}", "X-VastProxy-Instance", "101");
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).contains("chat.completion");
  }

  @Test
  void aClientLeavingDuringAResumeFreesEveryEngine() throws Exception {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(200), 40))
            .start();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    try (RawHttp client = new RawHttp(proxy.port())) {
      client.post("/v1/chat/completions", streamed(40), "X-VastProxy-Instance", "101");
      await().until(() -> !proxy.engine(102).requests().isEmpty());
    }

    assertThat(proxy.engine(102).requests().get(0).connectionClosed())
        .succeedsWithin(Duration.ofSeconds(5));
    await().until(() -> proxy.inFlight() == 0);
  }

  @ParameterizedTest
  @EnumSource(
      value = ScriptedEngine.Answer.class,
      names = {"CLOSE", "TOO_MANY"})
  void anEngineThatDiesBeforeAnsweringOrIsOverloadedHandsTheRequestToAnother(
      ScriptedEngine.Answer failing) throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 3)).start();
    try (ScriptedEngine engine = new ScriptedEngine().answer(failing)) {
      proxy.enrol(201, engine.port(), "Qwen/Qwen3-8B");

      HttpResponse<String> response =
          chat("{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}", "X-VastProxy-Instance", "201");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-VastProxy-Instance")).contains("101");
      assertThat(engine.received()).hasSize(1);
      assertThat(proxy.engine(101).requests()).hasSize(1);
    }
  }

  @Test
  void anOverloadedEngineAloneIsPassedThrough() throws Exception {
    proxy = ProxyHarness.builder(0).start();
    try (ScriptedEngine busy = new ScriptedEngine().answer(ScriptedEngine.Answer.TOO_MANY)) {
      proxy.enrol(202, busy.port(), "Qwen/Qwen3-8B");

      HttpResponse<String> response = chat("{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}");

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(busy.received()).hasSize(1);
    }
  }

  @Test
  void aStreamThatEndsCleanlyWithoutDoneIsContinuedToo() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 4)).start();
    try (ScriptedEngine cut =
        new ScriptedEngine()
            .answer(ScriptedEngine.Answer.STREAM_WITHOUT_DONE).stream(3, Duration.ZERO)) {
      proxy.enrol(201, cut.port(), "Qwen/Qwen3-8B");

      HttpResponse<String> response = chat(streamed(10), "X-VastProxy-Instance", "201");

      List<String> events = events(response.body());
      assertThat(content(events)).startsWith("w0 w1 w2 Hello");
      assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
      JsonNode sent = JSON.readTree(proxy.engine(101).requests().get(0).body());
      JsonNode last = sent.path("messages").path(sent.path("messages").size() - 1);
      assertThat(last.path("content").asText()).isEqualTo("w0 w1 w2 ");
      assertThat(sent.path("max_tokens").asInt()).isEqualTo(7);
    }
  }

  @Test
  void aStreamWhoseInstanceLeavesTheFleetMovesToAnotherEngineAndTheOldOneStops() throws Exception {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(40), 40))
            .start();
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(
            chatRequest(streamed(20), "X-VastProxy-Instance", "101"),
            HttpResponse.BodyHandlers.ofString());
    await().until(() -> proxy.streams.count(new InstanceId(101)) == 1);
    await().until(() -> proxy.engine(101).requests().get(0).sent().text().contains(" from"));

    proxy.remove(101);

    HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
    List<String> events = events(response.body());
    assertThat(content(events)).isEqualTo(WHOLE.substring(0, length(20)));
    assertThat(events).filteredOn(e -> e.equals("[DONE]")).hasSize(1);
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    assertThat(proxy.engine(101).requests().get(0).connectionClosed())
        .succeedsWithin(Duration.ofSeconds(5));
    assertThat(proxy.engine(101).requests().get(0).sent().isComplete()).isFalse();
    JsonNode sent = JSON.readTree(proxy.engine(102).requests().get(0).body());
    assertThat(sent.path("continue_final_message").asBoolean()).isTrue();
    assertThat(proxy.engine(101).requests()).hasSize(1);
    await().until(() -> proxy.streams.count(new InstanceId(102)) == 0);
    await().until(() -> proxy.inFlight() == 0);
  }

  @Test
  void aStreamThatCannotMoveStaysOnItsLeavingInstanceAndFinishesThere() throws Exception {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(40), 40))
            .start();
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(
            chatRequest(streamed(12), "X-VastProxy-Instance", "101", "X-VastProxy-Resume", "off"),
            HttpResponse.BodyHandlers.ofString());
    await().until(() -> proxy.streams.count(new InstanceId(101)) == 1);
    await().until(() -> proxy.engine(101).requests().get(0).sent().text().contains(" from"));

    proxy.remove(101);

    HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
    assertThat(content(events(response.body()))).isEqualTo(WHOLE.substring(0, length(12)));
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    assertThat(proxy.engine(102).requests()).isEmpty();
  }

  @Test
  void theFleetLoopOnlyQueuesTheMoveOnTheStreamsIoThread() throws Exception {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(40), 40))
            .start();
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(
            chatRequest(streamed(20), "X-VastProxy-Instance", "101"),
            HttpResponse.BodyHandlers.ofString());
    await().until(() -> proxy.streams.count(new InstanceId(101)) == 1);
    await().until(() -> proxy.engine(101).requests().get(0).sent().text().contains(" from"));

    // The fleet changes under its lock; were the move done on this thread, the engine's connection
    // would be closed before update returns. Holding the lock a while proves the IO thread waits
    // for nothing of the fleet's.
    CountDownLatch held = new CountDownLatch(1);
    Thread fleetLoop =
        new Thread(
            () ->
                proxy.fleet.update(
                    f -> {
                      proxy.remove(101);
                      awaitQuietly(held);
                      return f;
                    }));
    fleetLoop.start();
    assertThat(proxy.engine(101).requests().get(0).connectionClosed())
        .succeedsWithin(Duration.ofSeconds(5));
    held.countDown();
    fleetLoop.join();
    assertThat(content(events(answer.get(10, TimeUnit.SECONDS).body())))
        .isEqualTo(WHOLE.substring(0, length(20)));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest chatRequest(String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request.build();
  }

  @Test
  void aContinuationRefusedByTheEngineAskedCountsAsAFailedResumeAndEndsLoudly() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(5), 40))
            .start();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);
    try (ScriptedEngine busy = new ScriptedEngine().answer(ScriptedEngine.Answer.TOO_MANY)) {
      proxy.enrol(201, busy.port(), "Qwen/Qwen3-8B");

      HttpResponse<String> response = chat(streamed(20), "X-VastProxy-Instance", "101");

      List<String> events = events(response.body());
      assertThat(events).doesNotContain("[DONE]");
      assertThat(JSON.readTree(events.get(events.size() - 1)).path("error").path("code").asText())
          .isEqualTo("stream_interrupted");
      assertThat(busy.received()).hasSize(1);
      assertThat(proxy.statistics.summary(0).rescues()).isEqualTo(new RescueCounts(0, 1, 1, 1));
      assertThat(proxy.backend(101).load().rescues().counts())
          .isEqualTo(new RescueCounts(0, 1, 0, 0));
      assertThat(proxy.backend(201).load().rescues().counts())
          .isEqualTo(new RescueCounts(0, 0, 1, 1));
    }
  }

  @Test
  void aStreamCutAtItsTokenLimitEndsWithLengthAndOneDoneWithoutAskingAnotherEngine()
      throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 4)).start();
    try (ScriptedEngine cut =
        new ScriptedEngine()
            .answer(ScriptedEngine.Answer.STREAM_WITHOUT_DONE).stream(3, Duration.ZERO)) {
      proxy.enrol(201, cut.port(), "Qwen/Qwen3-8B");

      HttpResponse<String> response = chat(streamed(3), "X-VastProxy-Instance", "201");

      List<String> events = events(response.body());
      assertThat(content(events)).isEqualTo("w0 w1 w2 ");
      assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
      JsonNode last = JSON.readTree(events.get(events.size() - 2));
      assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("length");
      assertThat(last.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(events).filteredOn(e -> e.contains("finish_reason\":\"")).hasSize(1);
      assertThat(proxy.engine(101).requests()).isEmpty();
    }
  }

  @Test
  void underEnginesDyingNoEngineIsEverSentTheSameRequestTwiceAndEveryStreamReadsWhole()
      throws Exception {
    proxy =
        ProxyHarness.builder(3)
            .ioThreads(4)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(15), 60))
            .start();
    int streams = 36;
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      String body =
          "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"max_tokens\":30,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"stream-"
              + i
              + ".\"}]}";
      answers.add(http.sendAsync(chatRequest(body), HttpResponse.BodyHandlers.ofString()));
    }
    await().until(() -> proxy.engine(101).activeGenerations() >= 3);
    proxy.engine(101).crash();
    await().until(() -> proxy.engine(102).activeGenerations() >= 3);
    proxy.engine(102).crash();

    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      List<String> events = events(answer.get(30, TimeUnit.SECONDS).body());
      assertThat(content(events)).isEqualTo(words(30));
      assertThat(events).filteredOn(e -> e.equals("[DONE]")).hasSize(1);
      assertThat(events).filteredOn(e -> e.contains("\"finish_reason\":\"")).hasSize(1);
    }
    for (long id = 101; id <= 103; id++) {
      List<String> seen = new ArrayList<>();
      for (RecordedRequest request : proxy.engine(id).requests()) {
        String marker = JSON.readTree(request.body()).at("/messages/0/content").asText();
        assertThat(seen)
            .as("engine " + id + " was sent " + marker + " twice")
            .doesNotContain(marker);
        seen.add(marker);
      }
    }
    assertThat(proxy.statistics.summary(0).rescues().resumed()).isPositive();
    await().until(() -> proxy.inFlight() == 0);
  }

  /** The first {@code tokens} words of the simulated text. */
  private static String words(int tokens) {
    String[] words = {
      "Hello", " from", " a", " simulated", " GPU", ".", " Tokens", " arrive", " one", " by", " one"
    };
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < tokens; i++) {
      text.append(words[i % words.length]);
    }
    return text.toString();
  }
}
