package dev.vastproxy.adapters.http.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.upstream.OwnCalls;
import dev.vastproxy.application.port.out.EngineLoadResult;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.EngineLoadProfile;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.Fault;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Engine load reads against fake engines of both dialects, old and new. */
class EngineLoadIT {
  private static final InstanceId ID = new InstanceId(7);
  private static final String TOKEN = "load-token";

  private final OwnCalls own = new OwnCalls();
  private final PrometheusEngineLoadAdapter loads =
      new PrometheusEngineLoadAdapter(own.calls(), Duration.ofMillis(500));
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<FakeEngine> engines = new ArrayList<>();

  @AfterEach
  void stop() {
    engines.forEach(FakeEngine::close);
    own.close();
  }

  private FakeEngine engine(EngineKind kind, EngineLoadProfile profile) {
    FakeEngine engine =
        FakeEngine.builder()
            .kind(kind)
            .model("m")
            .bearerToken(TOKEN)
            .timing(Duration.ZERO, Duration.ofMillis(100), 20)
            .load(profile.withConcurrent(1))
            .start();
    engines.add(engine);
    return engine;
  }

  /** Two streams: one runs, one waits. */
  private void keepBusy(FakeEngine engine) {
    for (int i = 0; i < 2; i++) {
      http.sendAsync(
          HttpRequest.newBuilder(engine.baseUri().resolve("/v1/chat/completions"))
              .header("Authorization", "Bearer " + TOKEN)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"model\":\"m\",\"stream\":true,\"messages\":[]}"))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.queuedGenerations() == 1);
  }

  private EngineLoadResult read(FakeEngine engine, Engine kind) throws Exception {
    return loads
        .readLoad(ID, kind, new Endpoint(Scheme.HTTP, "127.0.0.1", engine.port(), Secret.of(TOKEN)))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  private static EngineReport reported(EngineLoadResult result) {
    assertThat(result).isInstanceOf(EngineLoadResult.Reported.class);
    return ((EngineLoadResult.Reported) result).report();
  }

  @Test
  void vllmMetricsWithTheBearer() throws Exception {
    FakeEngine engine = engine(EngineKind.VLLM, EngineLoadProfile.unlimited());
    keepBusy(engine);

    EngineReport report = reported(read(engine, Engine.VLLM));

    assertThat(report.running()).isEqualTo(1);
    assertThat(report.waiting()).isEqualTo(1);
    assertThat(report.kvCacheUsage()).hasValue(1.0);
    assertThat(report.generatedTokens()).isPresent();
    assertThat(engine.requests().get(engine.requests().size() - 1).header("Authorization"))
        .contains("Bearer " + TOKEN);
  }

  @Test
  void olderVllmNamesItsCacheGaugeDifferently() throws Exception {
    FakeEngine engine = engine(EngineKind.VLLM, EngineLoadProfile.unlimited().olderVllm());
    keepBusy(engine);

    assertThat(reported(read(engine, Engine.VLLM)).kvCacheUsage()).hasValue(1.0);
  }

  @Test
  void sglangLoadsEndpoint() throws Exception {
    FakeEngine engine = engine(EngineKind.SGLANG, EngineLoadProfile.unlimited());
    keepBusy(engine);

    EngineReport report = reported(read(engine, Engine.SGLANG));

    assertThat(report.running()).isEqualTo(1);
    assertThat(report.waiting()).isEqualTo(1);
    assertThat(report.tokensPerSecond()).isPresent();
    assertThat(engine.requests()).anyMatch(r -> r.path().equals("/v1/loads"));
    assertThat(engine.requests()).noneMatch(r -> r.path().equals("/metrics"));
  }

  @Test
  void olderSglangFallsBackToMetricsWithEitherPrefixAndRemembersIt() throws Exception {
    for (String prefix : List.of("sglang:", "sglang_")) {
      FakeEngine engine =
          engine(EngineKind.SGLANG, EngineLoadProfile.unlimited().olderSglang(prefix));
      keepBusy(engine);

      EngineReport report = reported(read(engine, Engine.SGLANG));
      assertThat(report.running()).isEqualTo(1);
      assertThat(report.waiting()).isEqualTo(1);
      reported(read(engine, Engine.SGLANG));

      assertThat(engine.requests().stream().filter(r -> r.path().equals("/v1/loads")))
          .hasSizeLessThanOrEqualTo(1);
      assertThat(engine.requests().stream().filter(r -> r.path().equals("/metrics"))).hasSize(2);
    }
  }

  @Test
  void anEngineWithoutMetricsGivesNoSignal() throws Exception {
    FakeEngine engine = engine(EngineKind.VLLM, EngineLoadProfile.unlimited().withoutMetrics());

    EngineLoadResult result = read(engine, Engine.UNKNOWN);

    assertThat(result).isInstanceOf(EngineLoadResult.NoSignal.class);
    assertThat(((EngineLoadResult.NoSignal) result).reason()).contains("404");
  }

  @Test
  void aHungEngineTimesOutAndAWrongTokenIsRefused() throws Exception {
    FakeEngine engine = engine(EngineKind.VLLM, EngineLoadProfile.unlimited());
    EngineLoadResult refused =
        loads
            .readLoad(
                ID,
                Engine.VLLM,
                new Endpoint(Scheme.HTTP, "127.0.0.1", engine.port(), Secret.of("wrong")))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    assertThat(((EngineLoadResult.NoSignal) refused).reason()).contains("401");

    engine.setFault(Fault.HANG);
    EngineLoadResult hung = read(engine, Engine.SGLANG);
    assertThat(((EngineLoadResult.NoSignal) hung).reason()).contains("timed out");
  }

  @Test
  void aHealthyPageWithoutFiguresGivesNoSignal() throws Exception {
    FakeEngine engine = engine(EngineKind.SGLANG, EngineLoadProfile.unlimited());
    engine.setFault(Fault.HTTP_500);

    assertThat(read(engine, Engine.SGLANG)).isInstanceOf(EngineLoadResult.NoSignal.class);
  }
}
