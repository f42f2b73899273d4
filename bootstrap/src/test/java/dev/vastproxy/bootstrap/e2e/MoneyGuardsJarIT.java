package dev.vastproxy.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import dev.vastproxy.simulator.vastai.StateCall;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The money guards in the built jar against the simulator's vast.ai API: selection, the idle guard
 * stopping idle instances, a request waking one, and the instances it must never touch: a training
 * box on the same account and an instance its owner stopped.
 */
class MoneyGuardsJarIT {
  private static final String KEY = "vast-key-for-the-money-test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SERVED_A = 2001;
  private static final long SERVED_B = 2002;
  private static final long TRAINING_BOX = 2003;
  private static final long USER_STOPPED = 2004;

  @TempDir Path scratch;
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeVastApi vast;
  private final List<FakeEngine> engines = new ArrayList<>();
  private ProxyProcess proxy;

  @BeforeEach
  void simulatedAccount() {
    vast = FakeVastApi.start(KEY);
    vast.setBootTime(Duration.ofMillis(500));
    engine(SERVED_A, "model-a", "running");
    engine(SERVED_B, "model-b", "running");
    engine(USER_STOPPED, "model-c", "stopped");
    vast.putInstance(FakeVastInstance.running(TRAINING_BOX).trainingBox().gpus("RTX 3090", 1));
  }

  private void engine(long id, String model, String state) {
    String token = "jupyter-token-" + id + "-0123456789";
    FakeEngine engine =
        FakeEngine.builder()
            .kind(EngineKind.VLLM)
            .model(model)
            .bearerToken(token)
            .timing(Duration.ofMillis(20), Duration.ofMillis(10), 5)
            .start();
    engines.add(engine);
    vast.putInstance(
        FakeVastInstance.running(id)
            .vllm(model)
            .servedOn(engine.port())
            .jupyterToken(token)
            .status(state)
            .intendedStatus(state));
    vast.bindEngine(id, engine);
    if (!state.equals("running")) {
      engine.setFault(dev.vastproxy.simulator.engine.Fault.REFUSE_CONNECTIONS);
    }
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    engines.forEach(FakeEngine::close);
    vast.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, Duration.ofSeconds(20));
  }

  private HttpResponse<String> send(String method, String path, String body, Duration timeout)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(proxy.uri(path)).timeout(timeout);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode status() throws Exception {
    return JSON.readTree(send("GET", "/vastproxy/status", null).body());
  }

  private static JsonNode instance(JsonNode status, String list, long id) {
    for (JsonNode node : status.path(list)) {
      if (node.path("id").asLong() == id) {
        return node;
      }
    }
    return JSON.missingNode();
  }

  private boolean healthy(long id) throws Exception {
    return instance(status(), "instances", id).path("state").asText().equals("HEALTHY");
  }

  private HttpResponse<String> chat(String model) throws Exception {
    return send(
        "POST",
        "/v1/chat/completions",
        "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
  }

  @Test
  void stopsIdleInstancesWakesOneForARequestAndNeverTouchesOthers() throws Exception {
    proxy =
        ProxyProcess.startAgainst(
            scratch,
            ProxyProcess.freePort(),
            KEY,
            vast.baseUri(),
            "--idle-action",
            "stop",
            "--idle-after",
            "3s",
            "--wait-limit",
            "90s");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> healthy(SERVED_A) && healthy(SERVED_B));
    JsonNode box = instance(status(), "instances", TRAINING_BOX);
    assertThat(box.at("/guard/served").asBoolean()).isFalse();
    assertThat(box.at("/guard/actionable").asBoolean()).isFalse();
    assertThat(box.at("/guard/not_routable").asText()).startsWith("never served a model");

    // Idle for 3 s, nothing asked: both inference instances are stopped, nothing else.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                vast.stateCalls()
                    .containsAll(
                        List.of(
                            new StateCall(SERVED_A, "stopped"),
                            new StateCall(SERVED_B, "stopped"))));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                instance(status(), "others", SERVED_A)
                    .at("/guard/not_routable")
                    .asText()
                    .startsWith("stopped by the proxy"));
    assertThat(instance(status(), "others", USER_STOPPED).at("/guard/not_routable").asText())
        .isEqualTo("not running (actual_status stopped)");

    // The next request for model-a wakes its instance and waits in the waiting room until it is
    // healthy again; then it is answered.
    // A boot on a loaded machine may take a while: the waiting room holds the request up to 90 s.
    HttpResponse<String> answered;
    try {
      answered =
          send(
              "POST",
              "/v1/chat/completions",
              "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
              Duration.ofSeconds(100));
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "the woken request got no answer; state calls "
              + vast.stateCalls()
              + "; proxy log:\n"
              + proxy.stdout(),
          e);
    }

    assertThat(answered.statusCode())
        .as(() -> "state calls " + vast.stateCalls() + "; proxy log:\n" + proxy.stdout())
        .isEqualTo(200);
    assertThat(answered.body()).contains("chat.completion");
    assertThat(answered.headers().firstValue("X-VastProxy-Instance")).contains("2001");
    List<StateCall> calls = vast.stateCalls();
    assertThat(calls).contains(new StateCall(SERVED_A, "running"));
    assertThat(calls).doesNotContain(new StateCall(SERVED_B, "running"));
    assertThat(calls)
        .as("the training box and the owner's stop are never touched")
        .noneMatch(call -> call.instanceId() == TRAINING_BOX || call.instanceId() == USER_STOPPED);
    assertThat(chat("model-c").statusCode()).isNotEqualTo(200);
    assertThat(vast.stateCalls()).noneMatch(call -> call.instanceId() == USER_STOPPED);
    assertThat(vast.destroyedIds()).isEmpty();
  }

  @Test
  void aStopOutlivesTheProxyThatMadeIt() throws Exception {
    ProxyProcess first =
        ProxyProcess.startAgainst(
            scratch,
            ProxyProcess.freePort(),
            KEY,
            vast.baseUri(),
            "--idle-action",
            "stop",
            "--idle-after",
            "3s");
    proxy = first;
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                vast.stateCalls().contains(new StateCall(SERVED_A, "stopped"))
                    && vast.label(SERVED_A).orElse("").startsWith("[stopped by vastproxy at "));
    assertThat(vast.label(SERVED_A).orElseThrow()).endsWith(" for model-a]");
    first.close();

    // A new process (a restart, or another replica) knows the stop from the label alone.
    proxy =
        ProxyProcess.startAgainst(
            scratch, ProxyProcess.freePort(), KEY, vast.baseUri(), "--wait-limit", "90s");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                instance(status(), "others", SERVED_A)
                    .at("/guard/not_routable")
                    .asText()
                    .startsWith("stopped by the proxy"));
    HttpResponse<String> answered =
        send(
            "POST",
            "/v1/chat/completions",
            "{\"model\":\"model-a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            Duration.ofSeconds(100));

    assertThat(answered.statusCode())
        .as(() -> "state calls " + vast.stateCalls() + "; proxy log:\n" + proxy.stdout())
        .isEqualTo(200);
    assertThat(vast.stateCalls()).contains(new StateCall(SERVED_A, "running"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> vast.label(SERVED_A).equals(Optional.of("proxied")));
    assertThat(chat("model-c").statusCode()).isNotEqualTo(200);
    assertThat(vast.stateCalls()).noneMatch(call -> call.instanceId() == USER_STOPPED);
  }

  @Test
  void destroyAllTouchesOnlySelectedInstancesThatServed() throws Exception {
    proxy =
        ProxyProcess.startAgainst(
            scratch,
            ProxyProcess.freePort(),
            KEY,
            vast.baseUri(),
            "--select",
            "id:" + SERVED_A + ",image:pytorch/*");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> healthy(SERVED_A));
    JsonNode status = status();
    assertThat(instance(status, "instances", SERVED_B).isMissingNode()).isTrue();
    assertThat(instance(status, "others", SERVED_B).at("/guard/not_routable").asText())
        .isEqualTo("not selected (VASTPROXY_SELECT=id:2001,image:pytorch/*)");
    assertThat(chat("model-b").statusCode()).isEqualTo(404);

    HttpResponse<String> destroyed =
        send("POST", "/vastproxy/destroy-all", "{\"confirm\": \"destroy\"}");

    assertThat(destroyed.statusCode()).isEqualTo(200);
    assertThat(destroyed.body())
        .contains("\"id\":" + SERVED_A)
        .contains("\"id\":" + TRAINING_BOX)
        .contains("kept: it never served a model")
        .doesNotContain("\"id\":" + SERVED_B);
    assertThat(vast.destroyedIds()).containsExactly(SERVED_A);
    assertThat(vast.instanceIds()).contains(SERVED_B, TRAINING_BOX, USER_STOPPED);
  }

  @Test
  void aBadSelectionIsOneLineAndStatusTwo() throws Exception {
    ProxyProcess bad =
        ProxyProcess.start(
            scratch, 0, Map.of("VAST_API_KEY", KEY, "VASTPROXY_SELECT", "lable:inference"));

    assertThat(bad.awaitExit(30)).isEqualTo(2);
    assertThat(bad.stderr().lines().toList())
        .containsExactly(
            "vastproxy: VASTPROXY_SELECT=lable:inference is not a selection: \"lable:inference\" is"
                + " not a selector: use label:<pattern>, image:<pattern> or id:<number>, separated"
                + " by commas (e.g. label:inference,image:vastai/vllm*,id:31812887), or all");
  }
}
