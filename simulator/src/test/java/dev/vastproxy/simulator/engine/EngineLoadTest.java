package dev.vastproxy.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT =
      "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<FakeEngine> engines = new ArrayList<>();

  @AfterEach
  void stop() {
    engines.forEach(FakeEngine::close);
  }

  private FakeEngine start(EngineKind kind, EngineLoadProfile profile, Duration delay) {
    FakeEngine engine =
        FakeEngine.builder()
            .kind(kind)
            .model("m")
            .timing(Duration.ZERO, delay, 5)
            .load(profile)
            .start();
    engines.add(engine);
    return engine;
  }

  private HttpResponse<String> get(FakeEngine engine, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(engine.baseUri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> chat(FakeEngine engine) {
    return http.sendAsync(
        HttpRequest.newBuilder(engine.baseUri().resolve("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CHAT))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void generationsBeyondTheCapacityQueueAndAllFinish() throws Exception {
    FakeEngine engine =
        start(
            EngineKind.VLLM,
            EngineLoadProfile.unlimited().withConcurrent(2),
            Duration.ofMillis(40));
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(chat(engine));
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> engine.queuedGenerations() == 4);
    assertThat(get(engine, "/metrics").body())
        .contains("vllm:num_requests_running{engine=\"0\",model_name=\"m\"} 2.0")
        .contains("vllm:num_requests_waiting{engine=\"0\",model_name=\"m\"} 4.0")
        .contains("vllm:kv_cache_usage_perc{");
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      assertThat(call.get().body()).contains("[DONE]");
    }
    await().until(() -> engine.activeGenerations() == 0);
    assertThat(engine.queuedGenerations()).isZero();
    assertThat(get(engine, "/metrics").body())
        .contains("vllm:generation_tokens_total{engine=\"0\",model_name=\"m\"} 30.0");
  }

  @Test
  void aQueuedRequestWhoseClientLeftGivesUpItsPlace() throws Exception {
    FakeEngine engine =
        start(
            EngineKind.SGLANG,
            EngineLoadProfile.unlimited().withConcurrent(1),
            Duration.ofMillis(50));
    CompletableFuture<HttpResponse<String>> first = chat(engine);
    CompletableFuture<HttpResponse<String>> second = chat(engine);
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.queuedGenerations() == 1);

    second.cancel(true);
    assertThat(first.get().body()).contains("[DONE]");
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.queuedGenerations() == 0);
  }

  @Test
  void sglangServesItsLoadsAndMetrics() throws Exception {
    FakeEngine engine =
        start(
            EngineKind.SGLANG,
            EngineLoadProfile.unlimited().withConcurrent(1),
            Duration.ofMillis(50));
    CompletableFuture<HttpResponse<String>> first = chat(engine);
    CompletableFuture<HttpResponse<String>> second = chat(engine);
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.queuedGenerations() == 1);

    JsonNode loads = JSON.readTree(get(engine, "/v1/loads").body());
    assertThat(loads.at("/loads/0/num_running_reqs").asInt()).isEqualTo(1);
    assertThat(loads.at("/loads/0/num_waiting_reqs").asInt()).isEqualTo(1);
    assertThat(loads.at("/loads/0/token_usage").asDouble()).isEqualTo(1.0);
    assertThat(get(engine, "/metrics").body())
        .contains("sglang:num_running_reqs{model_name=\"m\"} 1.0")
        .contains("sglang:num_queue_reqs{model_name=\"m\"} 1.0")
        .contains("sglang:token_usage{")
        .contains("sglang:gen_throughput{")
        .contains("sglang:generation_tokens_total{");
    first.get();
    second.get();
  }

  @Test
  void olderImagesAnswerInTheirOwnDialect() throws Exception {
    FakeEngine oldSglang =
        start(
            EngineKind.SGLANG, EngineLoadProfile.unlimited().olderSglang("sglang_"), Duration.ZERO);
    FakeEngine oldVllm =
        start(EngineKind.VLLM, EngineLoadProfile.unlimited().olderVllm(), Duration.ZERO);
    FakeEngine silent =
        start(EngineKind.VLLM, EngineLoadProfile.unlimited().withoutMetrics(), Duration.ZERO);

    assertThat(get(oldSglang, "/v1/loads").statusCode()).isEqualTo(404);
    assertThat(get(oldSglang, "/metrics").body()).contains("sglang_num_running_reqs{");
    assertThat(get(oldVllm, "/metrics").body()).contains("vllm:gpu_cache_usage_perc{");
    assertThat(get(oldVllm, "/v1/loads").statusCode()).isEqualTo(404);
    assertThat(get(silent, "/metrics").statusCode()).isEqualTo(404);
  }

  @Test
  void profilesAreValidated() {
    assertThatThrownBy(() -> EngineLoadProfile.unlimited().withConcurrent(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EngineLoadProfile.unlimited().olderSglang("vllm:"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
