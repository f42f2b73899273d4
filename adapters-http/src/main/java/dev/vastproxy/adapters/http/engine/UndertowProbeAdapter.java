package dev.vastproxy.adapters.http.engine;

import dev.vastproxy.adapters.http.upstream.BackendCall;
import dev.vastproxy.adapters.http.upstream.BackendTls;
import dev.vastproxy.application.port.out.ProbeBackendPort;
import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.backend.StateReason.Cause;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Health-checks a backend with {@code GET /v1/models}: healthy on 200 with a model list; loading
 * while vast.ai's instance portal answers its placeholder (502 with {@code X-Portal-Placeholder});
 * a redirect to https asks for the switch; anything else is a failure with its reason.
 */
public final class UndertowProbeAdapter implements ProbeBackendPort {
  private static final HttpString PLACEHOLDER = new HttpString("X-Portal-Placeholder");
  private static final byte[] NO_BODY = new byte[0];

  private final BackendCall calls;
  private final BackendTls tls;
  private final Duration timeout;

  /**
   * @param tls tells why an instance's certificate was refused
   * @param timeout how long a probe may take (5 s in production)
   */
  public UndertowProbeAdapter(BackendCall calls, BackendTls tls, Duration timeout) {
    this.calls = calls;
    this.tls = tls;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<ProbeResult> probe(InstanceId id, Endpoint endpoint) {
    return calls
        .send(id, endpoint, Methods.GET, "/v1/models", NO_BODY, timeout)
        .handle(
            (answer, error) ->
                error == null
                    ? classify(endpoint, answer)
                    : new ProbeResult.Failed(
                        tls.refusal(id)
                            .map(refusal -> StateReason.of(Cause.TLS, refusal))
                            .orElseGet(() -> describe(error))));
  }

  private static ProbeResult classify(Endpoint endpoint, BackendCall.Answer answer) {
    int status = answer.status();
    if (status >= 300 && status < 400) {
      String location = answer.headers().getFirst(Headers.LOCATION);
      if (endpoint.scheme() == Scheme.HTTP && location != null && location.startsWith("https://")) {
        return new ProbeResult.RedirectedToHttps();
      }
      return failed(Cause.PROBE_STATUS, "HTTP " + status + " redirect");
    }
    if (status == 502 && "true".equalsIgnoreCase(answer.headers().getFirst(PLACEHOLDER))) {
      return new ProbeResult.Loading("the engine is loading (instance portal placeholder)");
    }
    if (status == 401 || status == 403) {
      return failed(Cause.PROBE_AUTH, "HTTP " + status + ": the instance refused its token");
    }
    if (status != 200) {
      return failed(Cause.PROBE_STATUS, "HTTP " + status);
    }
    List<ModelCard> models = ModelListReader.read(answer.body());
    return models.isEmpty()
        ? failed(Cause.NOT_A_MODEL_LIST, "HTTP 200 without a model list")
        : new ProbeResult.Healthy(models);
  }

  private static ProbeResult failed(Cause cause, String detail) {
    return new ProbeResult.Failed(StateReason.of(cause, detail));
  }

  static StateReason describe(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof TimeoutException) {
      return StateReason.of(Cause.PROBE_TIMEOUT, "timed out: " + cause.getMessage());
    }
    if (cause instanceof ConnectException) {
      return StateReason.of(
          Cause.CONNECT_REFUSED, "connection refused or timed out: " + cause.getMessage());
    }
    for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
      if (inner instanceof SSLException || inner instanceof CertificateException) {
        return StateReason.of(Cause.TLS, rootMessage(inner));
      }
    }
    return StateReason.of(
        Cause.PROBE_ERROR,
        cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
