package dev.vastproxy.adapters.http.engine;

import dev.vastproxy.adapters.http.upstream.BackendCall;
import dev.vastproxy.application.port.out.AbortEnginePort;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Asks an SGLang engine to abort all its requests: {@code POST /abort_request}. */
public final class UndertowAbortAdapter implements AbortEnginePort {
  private static final byte[] ABORT_ALL =
      "{\"rid\":\"\",\"abort_all\":true}".getBytes(StandardCharsets.UTF_8);

  private final BackendCall calls;
  private final Duration timeout;

  public UndertowAbortAdapter(BackendCall calls, Duration timeout) {
    this.calls = calls;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<ActionOutcome> abortAll(InstanceId id, Endpoint endpoint) {
    return calls
        .send(id, endpoint, Methods.POST, "/abort_request", ABORT_ALL, timeout)
        .handle(
            (answer, error) -> {
              if (error != null) {
                return ActionOutcome.failed(UndertowProbeAdapter.describe(error).describe());
              }
              return answer.status() == 200
                  ? ActionOutcome.ok("aborted")
                  : ActionOutcome.failed("HTTP " + answer.status());
            });
  }
}
