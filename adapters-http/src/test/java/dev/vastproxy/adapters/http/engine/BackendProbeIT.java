package dev.vastproxy.adapters.http.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.upstream.OwnCalls;
import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.backend.StateReason.Cause;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.Fault;
import dev.vastproxy.simulator.engine.TlsIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks and aborts against fake engines, plain and over pinned TLS. */
class BackendProbeIT {
  private static final InstanceId ID = new InstanceId(7);
  private static final String TOKEN = "probe-token";

  private final OwnCalls own = new OwnCalls();
  private final UndertowProbeAdapter probes =
      new UndertowProbeAdapter(own.calls(), own.tls(), Duration.ofMillis(500));
  private final List<FakeEngine> engines = new ArrayList<>();

  @AfterEach
  void stop() {
    engines.forEach(FakeEngine::close);
    own.close();
  }

  private FakeEngine engine(FakeEngine.Builder builder) {
    FakeEngine engine = builder.bearerToken(TOKEN).start();
    engines.add(engine);
    return engine;
  }

  private static Endpoint endpoint(FakeEngine engine, Scheme scheme, String token) {
    return new Endpoint(scheme, "127.0.0.1", engine.port(), Secret.of(token));
  }

  private ProbeResult probe(Endpoint endpoint) throws Exception {
    return probes.probe(ID, endpoint).toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aModelListIsHealthy() throws Exception {
    FakeEngine engine = engine(FakeEngine.builder().model("Qwen/Qwen3-8B"));

    ProbeResult.Healthy healthy = (ProbeResult.Healthy) probe(endpoint(engine, Scheme.HTTP, TOKEN));

    assertThat(healthy.models()).extracting(ModelCard::id).containsExactly("Qwen/Qwen3-8B");
    assertThat(healthy.models().get(0).json())
        .contains("\"owned_by\":\"vllm\"", "\"max_model_len\":32768", "\"permission\":[{");
    assertThat(engine.requests().get(0).header("Authorization")).contains("Bearer " + TOKEN);
    assertThat(probe(endpoint(engine, Scheme.HTTP, TOKEN))).isInstanceOf(ProbeResult.Healthy.class);
    assertThat(engine.openConnections()).isEqualTo(1);
  }

  @Test
  void thePortalPlaceholderMeansLoading() throws Exception {
    FakeEngine engine = engine(FakeEngine.builder());
    engine.setFault(Fault.LOADING_PLACEHOLDER);

    assertThat(probe(endpoint(engine, Scheme.HTTP, TOKEN))).isInstanceOf(ProbeResult.Loading.class);
  }

  @Test
  void failuresSayWhatWentWrong() throws Exception {
    FakeEngine engine = engine(FakeEngine.builder());

    assertThat(probe(endpoint(engine, Scheme.HTTP, "wrong")))
        .isEqualTo(
            new ProbeResult.Failed(
                StateReason.of(Cause.PROBE_AUTH, "HTTP 401: the instance refused its token")));
    engine.setFault(Fault.HTTP_500);
    assertThat(probe(endpoint(engine, Scheme.HTTP, TOKEN)))
        .isEqualTo(new ProbeResult.Failed(StateReason.of(Cause.PROBE_STATUS, "HTTP 500")));
    engine.setFault(Fault.HANG);
    long start = System.nanoTime();
    StateReason hung = ((ProbeResult.Failed) probe(endpoint(engine, Scheme.HTTP, TOKEN))).reason();
    assertThat(hung.cause()).isEqualTo(Cause.PROBE_TIMEOUT);
    assertThat(hung.detail()).startsWith("timed out");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
    engine.setFault(Fault.REFUSE_CONNECTIONS);
    StateReason refused =
        ((ProbeResult.Failed) probe(endpoint(engine, Scheme.HTTP, TOKEN))).reason();
    assertThat(refused.cause()).isEqualTo(Cause.CONNECT_REFUSED);
    assertThat(refused.detail()).startsWith("connection refused");
  }

  @Test
  void aRedirectToHttpsAsksForTheSwitchAndTheCertificateIsPinnedOnFirstUse() throws Exception {
    FakeEngine engine = engine(FakeEngine.builder().tls(TlsIdentity.A).model("m"));

    assertThat(probe(endpoint(engine, Scheme.HTTP, TOKEN)))
        .isInstanceOf(ProbeResult.RedirectedToHttps.class);
    // A JVM's first TLS handshake can outlast the test's short probe timeout on a loaded machine.
    ProbeResult overTls =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> probe(endpoint(engine, Scheme.HTTPS, TOKEN)),
                result -> result instanceof ProbeResult.Healthy);
    assertThat(((ProbeResult.Healthy) overTls).models())
        .extracting(ModelCard::id)
        .containsExactly("m");
    assertThat(own.tls().pinOf(ID)).isPresent();
    String pinned = own.tls().pinOf(ID).get();

    engine.setTlsIdentity(TlsIdentity.B);
    own.connections().close();
    ProbeResult changed = probe(endpoint(engine, Scheme.HTTPS, TOKEN));

    assertThat(changed).isInstanceOf(ProbeResult.Failed.class);
    assertThat(((ProbeResult.Failed) changed).reason().cause()).isEqualTo(Cause.TLS);
    assertThat(((ProbeResult.Failed) changed).reason().describe())
        .contains("tls")
        .contains("changed");
    assertThat(own.tls().pinOf(ID)).contains(pinned);
    assertThat(own.tls().refusal(ID)).isPresent();
  }

  @Test
  void abortAllReachesSglangOnly() throws Exception {
    UndertowAbortAdapter aborts = new UndertowAbortAdapter(own.calls(), Duration.ofSeconds(2));
    FakeEngine sglang = engine(FakeEngine.builder().kind(EngineKind.SGLANG));
    FakeEngine vllm = engine(FakeEngine.builder().kind(EngineKind.VLLM));

    ActionOutcome aborted =
        aborts
            .abortAll(ID, endpoint(sglang, Scheme.HTTP, TOKEN))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    ActionOutcome refused =
        aborts
            .abortAll(ID, endpoint(vllm, Scheme.HTTP, TOKEN))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);

    assertThat(aborted).isEqualTo(ActionOutcome.ok("aborted"));
    assertThat(sglang.abortAllCalls()).isEqualTo(1);
    assertThat(new String(sglang.requests().get(0).body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"rid\":\"\",\"abort_all\":true}");
    assertThat(refused).isEqualTo(ActionOutcome.failed("HTTP 404"));
    vllm.setFault(Fault.REFUSE_CONNECTIONS);
    assertThat(
            aborts
                .abortAll(ID, endpoint(vllm, Scheme.HTTP, TOKEN))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS)
                .success())
        .isFalse();
  }
}
