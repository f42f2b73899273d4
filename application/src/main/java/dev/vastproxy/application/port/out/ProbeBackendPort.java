package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.concurrent.CompletionStage;

/** Health-checks a backend: {@code GET /v1/models} with its bearer token. */
public interface ProbeBackendPort {

  /**
   * Starts a health check without blocking; the stage completes within the probe timeout, never
   * exceptionally.
   *
   * @param id the instance, for per-instance state such as a pinned certificate
   * @param endpoint where to send it
   */
  CompletionStage<ProbeResult> probe(InstanceId id, Endpoint endpoint);
}
