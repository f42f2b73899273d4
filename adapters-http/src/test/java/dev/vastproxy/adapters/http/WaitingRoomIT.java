package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import dev.vastproxy.application.service.WaitingRoomSettings;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waiting room over real sockets: a request no backend can take is held, then served when one
 * turns healthy or has room, refused with 503 or 429 and Retry-After when its time is up, and
 * forgotten at once when its client leaves.
 */
class WaitingRoomIT {
  private static final long ID = ProxyHarness.FIRST_ID;
  private static final String CHAT =
      "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":false,\"messages\":[]}";

  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private final AtomicLong answeredAfter = new AtomicLong(-1);

  private void start(WaitingRoomSettings room) {
    proxy =
        ProxyHarness.builder(1)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(1), 3))
            .waitingRoom(room)
            .observer(
                new ProxyObserver() {
                  @Override
                  public void responseStarted(
                      InstanceId backend, RequestFacts facts, int status, long nanos) {
                    answeredAfter.set(nanos);
                  }
                })
            .start();
  }

  private void unhealthy() {
    proxy.fleet.updateBackend(
        new InstanceId(ID),
        b -> b.markFailed(Instant.now(), StateReason.of(StateReason.Cause.UNREACHABLE, "test")));
  }

  private void queued(int waiting) {
    proxy
        .backend(ID)
        .load()
        .signals()
        .record(
            new LoadReading(EngineReport.of(4, waiting), Instant.now(), 0, OptionalDouble.empty()));
  }

  private CompletableFuture<HttpResponse<String>> chat(String body) {
    return http.sendAsync(
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitHeld(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> proxy.waitingRoom.held() == count);
  }

  @Test
  void aRequestHeldWhileItsOnlyBackendIsUnhealthyIsServedWhenItTurnsHealthy() throws Exception {
    start(new WaitingRoomSettings(Duration.ofSeconds(30), 10, 0));
    unhealthy();

    long sent = System.nanoTime();
    CompletableFuture<HttpResponse<String>> answer = chat(CHAT);
    awaitHeld(1);
    long heldBy = System.nanoTime();
    assertThat(answer).isNotDone();
    assertThat(proxy.engine(ID).requestCount()).isZero();
    // Held a while longer, so that the time held is plain to see in the backend's timing.
    await().pollDelay(Duration.ofMillis(300)).until(() -> proxy.waitingRoom.held() == 1);
    long healthyAt = System.nanoTime();
    proxy.markHealthy(ID);

    HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
    long total = System.nanoTime() - sent;
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(answeredAfter.get())
        .as("the backend's time leaves out the time held")
        .isBetween(0L, total - (healthyAt - heldBy));
    assertThat(proxy.engine(ID).requestCount()).isEqualTo(1);
    assertThat(proxy.waitingRoom.held()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.inFlight() == 0);
  }

  @Test
  void aRequestHeldTooLongGets503WithRetryAfterInOpenAiShape() throws Exception {
    start(new WaitingRoomSettings(Duration.ofMillis(300), 10, 0));
    unhealthy();

    HttpResponse<String> response = chat(CHAT).get(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(response.body())
        .startsWith("{\"error\":{\"message\":")
        .contains("\"code\":\"model_unavailable\"");
    assertThat(proxy.waitingRoom.held()).isZero();
    assertThat(proxy.engine(ID).requestCount()).isZero();
  }

  @Test
  void aRequestHeldBehindFullQueuesGets429WhenItsTimeIsUp() throws Exception {
    start(new WaitingRoomSettings(Duration.ofMillis(300), 10, 2));
    queued(3);

    HttpResponse<String> response = chat(CHAT).get(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(response.body()).contains("\"code\":\"overloaded\"").contains("Qwen/Qwen3-8B");
    assertThat(proxy.engine(ID).requestCount()).isZero();
    assertThat(proxy.inFlight()).isZero();
  }

  @Test
  void aRequestHeldBehindFullQueuesIsServedWhenAQueueDrops() throws Exception {
    start(new WaitingRoomSettings(Duration.ofSeconds(30), 10, 2));
    queued(3);

    CompletableFuture<HttpResponse<String>> answer = chat(CHAT);
    awaitHeld(1);
    queued(2);

    assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(proxy.engine(ID).requestCount()).isEqualTo(1);
  }

  @Test
  void aClientThatLeavesWhileHeldFreesItsPlaceAndNeverReachesAnEngine() throws Exception {
    start(new WaitingRoomSettings(Duration.ofSeconds(30), 10, 0));
    unhealthy();

    try (RawHttp client = new RawHttp(proxy.port())) {
      client.post("/v1/chat/completions", CHAT);
      awaitHeld(1);
    }
    awaitHeld(0);
    proxy.markHealthy(ID);

    // A later request is served, so the engine is reachable: the one that left never came.
    assertThat(chat(CHAT).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(proxy.engine(ID).requestCount()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.inFlight() == 0);
  }

  @Test
  void manyHeldRequestsAreServedTogetherWhenABackendTurnsHealthy() throws Exception {
    int count = 60;
    start(new WaitingRoomSettings(Duration.ofSeconds(30), count, 0));
    unhealthy();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      answers.add(chat(CHAT));
    }
    awaitHeld(count);

    proxy.markHealthy(ID);

    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(proxy.engine(ID).requestCount()).isEqualTo(count);
    assertThat(proxy.waitingRoom.held()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.inFlight() == 0);
  }

  @Test
  void beyondItsCapacityTheRoomAnswersAtOnce() throws Exception {
    start(new WaitingRoomSettings(Duration.ofSeconds(30), 2, 0));
    unhealthy();
    List<CompletableFuture<HttpResponse<String>>> held = List.of(chat(CHAT), chat(CHAT));
    awaitHeld(2);

    HttpResponse<String> refused = chat(CHAT).get(10, TimeUnit.SECONDS);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(held).noneMatch(CompletableFuture::isDone);
    proxy.markHealthy(ID);
    for (CompletableFuture<HttpResponse<String>> answer : held) {
      assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownModelIsStill404AtOnce() throws Exception {
    start(new WaitingRoomSettings(Duration.ofSeconds(30), 10, 0));

    HttpResponse<String> response =
        chat("{\"model\":\"no-such-model\",\"messages\":[]}").get(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(proxy.waitingRoom.held()).isZero();
  }

  @Test
  void withTheRoomClosedARequestFailsAtOnceAsBefore() throws Exception {
    start(WaitingRoomSettings.CLOSED);
    unhealthy();

    HttpResponse<String> response = chat(CHAT).get(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
  }
}
