package dev.vastproxy.adapters.http.engine;

import dev.vastproxy.adapters.http.upstream.BackendCall;
import dev.vastproxy.application.port.out.EngineLoadResult;
import dev.vastproxy.application.port.out.ReadEngineLoadPort;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.load.EngineReport;
import io.undertow.util.Methods;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads an engine's load with the instance's bearer token: SGLang's {@code GET /v1/loads} JSON, and
 * when an older image answers it 404 (remembered per instance), {@code GET /metrics}; vLLM's (and
 * an unknown engine's) {@code GET /metrics} in either dialect. Anything else is no signal.
 */
public final class PrometheusEngineLoadAdapter implements ReadEngineLoadPort {
  private static final byte[] NO_BODY = new byte[0];

  private final BackendCall calls;
  private final Duration timeout;
  private final Set<InstanceId> withoutLoadsEndpoint = ConcurrentHashMap.newKeySet();

  /**
   * @param timeout how long one read may take
   */
  public PrometheusEngineLoadAdapter(BackendCall calls, Duration timeout) {
    this.calls = calls;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<EngineLoadResult> readLoad(
      InstanceId id, Engine engine, Endpoint endpoint) {
    if (engine != Engine.SGLANG || withoutLoadsEndpoint.contains(id)) {
      return read(id, endpoint, "/metrics", PrometheusLoadText::read);
    }
    return calls
        .send(id, endpoint, Methods.GET, "/v1/loads", NO_BODY, timeout)
        .handle(
            (answer, error) -> {
              if (error == null && answer.status() == 404) {
                withoutLoadsEndpoint.add(id);
                return read(id, endpoint, "/metrics", PrometheusLoadText::read);
              }
              return CompletableFuture.completedFuture(
                  classify("/v1/loads", answer, error, SglangLoadsJson::read));
            })
        .thenCompose(Function.identity());
  }

  private CompletableFuture<EngineLoadResult> read(
      InstanceId id,
      Endpoint endpoint,
      String path,
      Function<byte[], Optional<EngineReport>> parser) {
    return calls
        .send(id, endpoint, Methods.GET, path, NO_BODY, timeout)
        .handle((answer, error) -> classify(path, answer, error, parser));
  }

  private static EngineLoadResult classify(
      String path,
      BackendCall.Answer answer,
      Throwable error,
      Function<byte[], Optional<EngineReport>> parser) {
    if (error != null) {
      return new EngineLoadResult.NoSignal(path + ": " + UndertowProbeAdapter.describe(error));
    }
    if (answer.status() != 200) {
      return new EngineLoadResult.NoSignal(path + ": HTTP " + answer.status());
    }
    return parser
        .apply(answer.body())
        .<EngineLoadResult>map(EngineLoadResult.Reported::new)
        .orElseGet(() -> new EngineLoadResult.NoSignal(path + ": no load figures in the answer"));
  }
}
