package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.instance.InstanceId;

/** Use case: a proxied request hit a failure on a backend. */
public interface ReportBackendFailureUseCase {

  /**
   * Takes the backend out when the failure says it is down: at once when it was unreachable, after
   * repeated failures of different requests otherwise. The next good health check brings it back.
   * Never waits for the fleet's lock (it is called on IO threads): the backend is taken out on the
   * fleet's own thread, shortly after.
   */
  void reportFailure(InstanceId id, BackendFailure failure);

  /**
   * The backend answered a request to its end: the request failures before it were those requests'
   * own (a poisonous prompt, a header the engine refuses), not the backend's. Lock-free.
   */
  void reportAnswered(InstanceId id);
}
