package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.instance.InstanceId;

/** Use case: a proxied request hit a transport failure on a backend. */
public interface ReportBackendFailureUseCase {

  /** Marks the backend UNHEALTHY at once; the next good health check brings it back. */
  void reportFailure(InstanceId id, String reason);
}
