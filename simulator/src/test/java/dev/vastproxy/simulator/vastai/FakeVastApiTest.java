package dev.vastproxy.simulator.vastai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.Fault;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeVastApiTest {
  private static final String KEY = "demo-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final FakeVastApi vast = FakeVastApi.start(KEY);

  @AfterEach
  void stop() {
    vast.close();
  }

  private HttpResponse<String> send(String method, String pathAndQuery, String body, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(vast.baseUri() + pathAndQuery))
            .timeout(Duration.ofSeconds(5))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send("GET", pathAndQuery, null, KEY);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.path("instances").forEach(row -> ids.add(row.get("id").asLong()));
    return ids;
  }

  @Test
  void startsOnLoopbackWithARandomPort() {
    assertThat(vast.baseUri().getHost()).isEqualTo("127.0.0.1");
    assertThat(vast.baseUri().getPort()).isPositive();
    assertThat(vast.toString()).contains(vast.baseUri().toString());
  }

  @Test
  void pagesThroughTheInstancesByIdWithTokens() throws Exception {
    for (long id = 60; id >= 1; id--) {
      vast.putInstance(FakeVastInstance.running(id));
    }
    List<Long> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String token = null;
    do {
      String query =
          "?limit=25&order_by="
              + URLEncoder.encode("[{\"col\":\"id\",\"dir\":\"asc\"}]", StandardCharsets.UTF_8);
      if (token != null) {
        query += "&after_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      }
      HttpResponse<String> response = get("/api/v1/instances/" + query);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode page = json(response);
      assertThat(page.get("success").asBoolean()).isTrue();
      assertThat(page.get("total_instances").asInt()).isEqualTo(60);
      seen.addAll(ids(page));
      sizes.add(page.get("instances").size());
      token = page.get("next_token").isNull() ? null : page.get("next_token").asText();
    } while (token != null);

    assertThat(sizes).containsExactly(25, 25, 10);
    assertThat(seen).hasSize(60).isSorted().doesNotHaveDuplicates();
    assertThat(vast.requestCount(VastRoute.LIST)).isEqualTo(3);
  }

  @Test
  void capsAndDefaultsThePageSize() throws Exception {
    for (long id = 1; id <= 30; id++) {
      vast.putInstance(FakeVastInstance.running(id));
    }

    assertThat(json(get("/api/v1/instances/")).get("instances").size()).isEqualTo(25);
    assertThat(json(get("/api/v1/instances/?limit=100")).get("instances").size()).isEqualTo(25);
    assertThat(json(get("/api/v1/instances/?limit=0")).get("instances").size()).isEqualTo(5);
    assertThat(json(get("/api/v1/instances/?limit=30")).get("next_token").asText()).isNotEmpty();
    HttpResponse<String> bad = get("/api/v1/instances/?limit=many");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).isEqualTo("invalid_args");
  }

  @Test
  void aFullLastPageHasNoNextToken() throws Exception {
    for (long id = 1; id <= 25; id++) {
      vast.putInstance(FakeVastInstance.running(id));
    }

    assertThat(json(get("/api/v1/instances/?limit=25")).get("next_token").isNull()).isTrue();
  }

  @Test
  void refusesAnInvalidToken() throws Exception {
    for (String token : new String[] {"garbage!", "Zm9vOjEy", "YWZ0ZXI6eA"}) {
      HttpResponse<String> response = get("/api/v1/instances/?after_token=" + token);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).get("error").asText()).isEqualTo("invalid_token");
    }
  }

  @Test
  void anEmptyAccountListsAnEmptyArrayOrNull() throws Exception {
    assertThat(json(get("/api/v1/instances/")).get("instances").isArray()).isTrue();

    vast.answerEmptyListingsWithNull(true);

    assertThat(json(get("/api/v1/instances/")).get("instances").isNull()).isTrue();
  }

  @Test
  void requiresTheBearerKey() throws Exception {
    HttpResponse<String> none = send("GET", "/api/v1/instances/", null, null);
    HttpResponse<String> wrong = send("GET", "/api/v1/instances/", null, "other-key");
    vast.answerBadKeysWith404(true);
    HttpResponse<String> wrong404 = send("DELETE", "/api/v0/instances/1/", null, "other-key");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong404.statusCode()).isEqualTo(404);
    assertThat(json(wrong404).get("error").asText()).isEqualTo("auth_error");
    assertThat(json(wrong).get("msg").asText()).isEqualTo("Invalid user key");
    assertThat(vast.requestCount(VastRoute.LIST)).isZero();
  }

  @Test
  void showsAnInstanceOrNull() throws Exception {
    vast.putInstance(FakeVastInstance.running(7).label("mine"));

    JsonNode shown = json(get("/api/v0/instances/7/"));
    JsonNode gone = json(get("/api/v0/instances/8/"));

    assertThat(shown.get("instances").get("label").asText()).isEqualTo("mine");
    assertThat(gone.get("instances").isNull()).isTrue();
  }

  @Test
  void setsAndClearsLabelsAndRecordsTheCalls() throws Exception {
    vast.putInstance(FakeVastInstance.running(7));

    HttpResponse<String> set = send("PUT", "/api/v0/instances/7/", "{\"label\": \"proxied\"}", KEY);
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(json(set).get("success").asBoolean()).isTrue();
    assertThat(vast.label(7)).contains("proxied");
    assertThat(json(get("/api/v1/instances/")).get("label_counts").get("proxied").asInt())
        .isEqualTo(1);

    send("PUT", "/api/v0/instances/7/", "{\"label\": \"\"}", KEY);

    assertThat(vast.label(7)).isEmpty();
    assertThat(json(get("/api/v0/instances/7/")).get("instances").get("label").isNull()).isTrue();
    assertThat(vast.labelCalls())
        .containsExactly(new LabelCall(7, "proxied"), new LabelCall(7, ""));
    assertThat(vast.labelCalls().get(1).cleared()).isTrue();
  }

  @Test
  void refusesBadLabelCalls() throws Exception {
    vast.putInstance(FakeVastInstance.running(7));

    HttpResponse<String> tooLong =
        send("PUT", "/api/v0/instances/7/", "{\"label\": \"" + "x".repeat(1025) + "\"}", KEY);
    HttpResponse<String> unknown =
        send("PUT", "/api/v0/instances/8/", "{\"label\": \"proxied\"}", KEY);
    HttpResponse<String> notJson = send("PUT", "/api/v0/instances/7/", "label=x", KEY);
    HttpResponse<String> state = send("PUT", "/api/v0/instances/7/", "{\"colour\": \"red\"}", KEY);
    HttpResponse<String> number = send("PUT", "/api/v0/instances/7/", "{\"label\": 5}", KEY);

    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(json(tooLong).get("error").asText()).isEqualTo("label_too_long");
    assertThat(json(tooLong).get("msg").asText()).startsWith("Please limit label length");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).isEqualTo("no_such_instance");
    assertThat(json(notJson).get("error").asText()).isEqualTo("invalid_request");
    assertThat(json(state).get("error").asText()).isEqualTo("invalid_args");
    assertThat(number.statusCode()).isEqualTo(400);
    assertThat(vast.labelCalls()).isEmpty();
  }

  @Test
  void stopsAndStartsAnInstanceAndItsEngine() throws Exception {
    try (FakeEngine engine = FakeEngine.builder().model("m").start()) {
      vast.putInstance(FakeVastInstance.running(7).vllm("m").servedOn(engine.port()));
      vast.bindEngine(7, engine);
      vast.setBootTime(Duration.ofMillis(200));

      HttpResponse<String> stopped =
          send("PUT", "/api/v0/instances/7/", "{\"state\": \"stopped\"}", KEY);

      assertThat(stopped.statusCode()).isEqualTo(200);
      JsonNode row = json(get("/api/v0/instances/7/")).path("instances");
      assertThat(row.path("actual_status").asText()).isEqualTo("stopped");
      assertThat(row.path("intended_status").asText()).isEqualTo("stopped");
      assertThat(row.path("ports").isNull()).isTrue();
      assertThat(engine.fault()).isEqualTo(Fault.REFUSE_CONNECTIONS);
      // Fresh figures from a demo tick do not undo the stop.
      assertThat(vast.refreshInstance(FakeVastInstance.running(7).vllm("m").servedOn(1))).isTrue();
      assertThat(vast.status(7)).contains("stopped");

      send("PUT", "/api/v0/instances/7/", "{\"state\": \"running\"}", KEY);

      assertThat(vast.status(7)).contains("loading");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!vast.status(7).equals(Optional.of("running")) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      row = json(get("/api/v0/instances/7/")).path("instances");
      assertThat(row.path("actual_status").asText()).isEqualTo("running");
      assertThat(row.path("ports").path("8000/tcp").get(0).path("HostPort").asText())
          .isEqualTo(Integer.toString(engine.port()));
      assertThat(engine.fault()).isEqualTo(Fault.NONE);
      assertThat(vast.stateCalls())
          .containsExactly(new StateCall(7, "stopped"), new StateCall(7, "running"));
      assertThat(vast.labelCalls()).isEmpty();
    }
  }

  @Test
  void refusesABadStateAndAnUnknownInstance() throws Exception {
    vast.putInstance(FakeVastInstance.running(7));
    assertThat(send("PUT", "/api/v0/instances/7/", "{\"state\": \"paused\"}", KEY).statusCode())
        .isEqualTo(400);
    assertThat(send("PUT", "/api/v0/instances/8/", "{\"state\": \"stopped\"}", KEY).statusCode())
        .isEqualTo(404);
    assertThat(vast.refreshInstance(FakeVastInstance.running(8))).isFalse();
  }

  @Test
  void holdsATrainingBoxWithAnEndDate() throws Exception {
    vast.putInstance(
        FakeVastInstance.running(9).trainingBox().label("training").endDate(1_800_000_000.5));
    JsonNode row = json(get("/api/v0/instances/9/")).path("instances");
    assertThat(row.path("image_uuid").asText()).startsWith("pytorch/");
    assertThat(row.path("label").asText()).isEqualTo("training");
    assertThat(row.path("end_date").asDouble()).isEqualTo(1_800_000_000.5);
  }

  @Test
  void destroysInstances() throws Exception {
    vast.putInstance(FakeVastInstance.running(7)).putInstance(FakeVastInstance.running(8));

    HttpResponse<String> destroyed = send("DELETE", "/api/v0/instances/7/", null, KEY);
    HttpResponse<String> again = send("DELETE", "/api/v0/instances/7/", null, KEY);

    assertThat(destroyed.statusCode()).isEqualTo(200);
    assertThat(json(destroyed).get("success").asBoolean()).isTrue();
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(json(again).get("error").asText()).isEqualTo("no_such_instance");
    assertThat(vast.instanceIds()).containsExactly(8L);
    assertThat(vast.destroyedIds()).containsExactly(7L);
  }

  @Test
  void answersTheCurrentUserAndRetiresTheOldList() throws Exception {
    HttpResponse<String> user = get("/api/v0/users/current/");
    HttpResponse<String> v0 = get("/api/v0/instances/");

    assertThat(json(user).get("username").asText()).isEqualTo("demo");
    assertThat(v0.statusCode()).isEqualTo(410);
    assertThat(json(v0).get("error").asText()).isEqualTo("deprecated_endpoint");
  }

  @Test
  void needsTheTrailingSlashAndTheRightMethod() throws Exception {
    vast.putInstance(FakeVastInstance.running(7));

    assertThat(get("/api/v1/instances").statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/v0/instances/7", null, KEY).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/api/v1/instances/", "{}", KEY).statusCode()).isEqualTo(405);
    assertThat(send("POST", "/api/v0/instances/7/", "{}", KEY).statusCode()).isEqualTo(405);
    assertThat(vast.instanceIds()).containsExactly(7L);
  }

  @Test
  void injectsRateLimitsThenAnswersNormally() throws Exception {
    vast.putInstance(FakeVastInstance.running(1));
    vast.failNextListCalls(2, VastFault.rateLimited());

    assertThat(get("/api/v1/instances/").statusCode()).isEqualTo(429);
    HttpResponse<String> second = get("/api/v1/instances/");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.body()).startsWith("API requests too frequent");
    assertThat(second.headers().firstValue("Retry-After")).isEmpty();
    assertThat(get("/api/v1/instances/").statusCode()).isEqualTo(200);
    assertThat(vast.requestCount(VastRoute.LIST)).isEqualTo(3);
  }

  @Test
  void injectsServerErrorsGarbageAndFaultsOnOtherRoutes() throws Exception {
    vast.putInstance(FakeVastInstance.running(1));
    vast.failNextListCalls(1, VastFault.serverError());
    vast.failNextListCalls(1, VastFault.garbage());
    vast.injectFaults(VastRoute.LABEL, 1, VastFault.json(404, "{\"error\": \"auth_error\"}"));

    assertThat(get("/api/v1/instances/").statusCode()).isEqualTo(500);
    HttpResponse<String> garbage = get("/api/v1/instances/");
    assertThat(garbage.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> json(garbage)).isInstanceOf(IOException.class);
    assertThat(send("PUT", "/api/v0/instances/1/", "{\"label\": \"x\"}", KEY).statusCode())
        .isEqualTo(404);
    assertThat(vast.labelCalls()).isEmpty();
  }

  @Test
  void clearedFaultsAreNotShown() throws Exception {
    vast.failNextListCalls(3, VastFault.serverError());
    vast.clearFaults();

    assertThat(get("/api/v1/instances/").statusCode()).isEqualTo(200);
  }

  @Test
  void aSlowAnswerOutlastsAShortTimeoutAndArrivesLate() throws Exception {
    vast.putInstance(FakeVastInstance.running(1));
    vast.failNextListCalls(1, VastFault.slow(Duration.ofSeconds(2)));
    vast.failNextListCalls(1, VastFault.slow(Duration.ofMillis(150)));
    HttpRequest impatient =
        HttpRequest.newBuilder(URI.create(vast.baseUri() + "/api/v1/instances/"))
            .header("Authorization", "Bearer " + KEY)
            .timeout(Duration.ofMillis(200))
            .build();

    assertThatThrownBy(() -> http.send(impatient, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    long started = System.nanoTime();
    HttpResponse<String> late = get("/api/v1/instances/");

    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(ids(json(late))).containsExactly(1L);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void aSlowLabelCallIsAppliedLate() throws Exception {
    vast.putInstance(FakeVastInstance.running(1));
    vast.injectFaults(VastRoute.LABEL, 1, VastFault.slow(Duration.ofMillis(50)));

    assertThat(send("PUT", "/api/v0/instances/1/", "{\"label\": \"x\"}", KEY).statusCode())
        .isEqualTo(200);
    assertThat(vast.label(1)).contains("x");
  }

  @Test
  void replacesRemovesAndUpdatesInstances() throws Exception {
    vast.putInstance(FakeVastInstance.running(3).status("loading"));
    vast.setStatus(3, "running");
    vast.putInstance("{\"id\": 4, \"actual_status\": \"running\", \"ports\": null}");

    assertThat(json(get("/api/v0/instances/3/")).get("instances").get("actual_status").asText())
        .isEqualTo("running");
    assertThat(vast.instanceJson(4))
        .hasValueSatisfying(row -> assertThat(row).contains("\"id\":4"));
    assertThat(vast.removeInstance(4)).isTrue();
    assertThat(vast.removeInstance(4)).isFalse();
    assertThat(vast.instanceIds()).containsExactly(3L);
    assertThatThrownBy(() -> vast.setStatus(99, "running"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vast.putInstance("{\"id\": \"4\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vast.putInstance("[1]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vast.putInstance("{\"id\": "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("an instance row must be JSON");
    assertThatThrownBy(() -> vast.injectFaults(VastRoute.LIST, -1, VastFault.garbage()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stopsListeningWhenClosed() {
    vast.close();

    assertThatThrownBy(() -> get("/api/v1/instances/")).isInstanceOf(ConnectException.class);
  }

  @Test
  void refusesABlankKey() {
    assertThatThrownBy(() -> FakeVastApi.start(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
