package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.RecordRequestTimingUseCase;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;

/**
 * Feeds the proxy's per-request timings into each backend's live speed figures: a map look-up in
 * the current routing table and one atomic update, so it suits the request path.
 */
public final class RequestTimingService implements RecordRequestTimingUseCase {
  private final Fleet fleet;

  public RequestTimingService(Fleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public void firstByte(InstanceId backend, long nanos) {
    if (nanos >= 0) {
      fleet
          .snapshot()
          .routing()
          .backend(backend)
          .ifPresent(b -> b.load().signals().firstByte(nanos));
    }
  }

  @Override
  public void completed(InstanceId backend, long nanos) {
    if (nanos >= 0) {
      fleet
          .snapshot()
          .routing()
          .backend(backend)
          .ifPresent(b -> b.load().signals().requestCompleted(nanos));
    }
  }
}
