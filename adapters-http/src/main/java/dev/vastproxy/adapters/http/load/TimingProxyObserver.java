package dev.vastproxy.adapters.http.load;

import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import dev.vastproxy.application.port.in.RecordRequestTimingUseCase;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.Optional;

/**
 * Passes the proxy's per-request timings to load-aware routing: the time to the first bytes of a
 * backend's answer (for a stream, its first token) for answers that are not errors, and the whole
 * time of requests the backend completed. Requests the client abandoned and failed ones are left
 * out, so they never count against an engine.
 */
public final class TimingProxyObserver implements ProxyObserver {
  private final RecordRequestTimingUseCase timing;

  public TimingProxyObserver(RecordRequestTimingUseCase timing) {
    this.timing = timing;
  }

  @Override
  public void firstBytes(InstanceId backend, RequestFacts facts, int status, long nanos) {
    if (status < 400) {
      timing.firstByte(backend, nanos);
    }
  }

  @Override
  public void requestEnded(
      Optional<InstanceId> backend, RequestFacts facts, int status, Outcome outcome, long nanos) {
    if (backend.isPresent() && outcome == Outcome.COMPLETED && status < 400) {
      timing.completed(backend.get(), nanos);
    }
  }
}
