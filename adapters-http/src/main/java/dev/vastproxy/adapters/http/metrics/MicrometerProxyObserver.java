package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.adapters.http.relay.ProxyObserver;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every proxied request in Micrometer: requests ended by backend, model, endpoint kind,
 * stream, status and outcome; their duration; the time to the first token of streams and the time
 * to the whole answer otherwise. Runs on IO threads, so meters are cached and recording allocates
 * nothing. Also a {@link FleetListener}: a backend's meters leave the registry when the backend
 * leaves the fleet, so series stay bounded by the fleet's size and the models it serves.
 */
public final class MicrometerProxyObserver implements ProxyObserver, FleetListener {
  /** The {@code backend} tag of requests that no backend took. */
  static final String NO_BACKEND = "none";

  private final MeterRegistry registry;
  private final ConcurrentHashMap<InstanceId, BackendRequestMeters> byBackend =
      new ConcurrentHashMap<>();
  private final BackendRequestMeters unrouted;

  public MicrometerProxyObserver(MeterRegistry registry) {
    this.registry = registry;
    this.unrouted = new BackendRequestMeters(registry, NO_BACKEND);
  }

  @Override
  public void requestSent(InstanceId backend) {
    meters(backend).sends().increment();
  }

  @Override
  public void retriedBeforeFirstByte(InstanceId failed) {
    meters(failed).retries().increment();
  }

  @Override
  public void resumed(InstanceId failed, InstanceId next) {
    meters(failed).resumes().increment();
  }

  @Override
  public void notResumable(InstanceId failed) {
    meters(failed).notResumable().increment();
  }

  @Override
  public void resumeFailed(InstanceId continuing) {
    meters(continuing).resumeFailed().increment();
  }

  @Override
  public void firstBytes(InstanceId backend, RequestFacts facts, int status, long nanos) {
    if (facts.delivery() == RequestFacts.Delivery.STREAMED && StatusSlots.success(status)) {
      meters(backend).route(facts).firstToken(nanos);
    }
  }

  @Override
  public void requestEnded(
      Optional<InstanceId> backend, RequestFacts facts, int status, Outcome outcome, long nanos) {
    BackendRequestMeters meters = backend.isPresent() ? meters(backend.get()) : unrouted;
    meters.route(facts).ended(facts.delivery(), status, outcome, nanos);
  }

  @Override
  public void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    for (Backend gone : before.backends()) {
      if (after.backend(gone.id()).isEmpty()) {
        BackendRequestMeters meters = byBackend.remove(gone.id());
        if (meters != null) {
          meters.remove();
        }
      }
    }
  }

  private BackendRequestMeters meters(InstanceId backend) {
    BackendRequestMeters meters = byBackend.get(backend);
    if (meters == null) {
      meters = byBackend.computeIfAbsent(backend, this::create);
    }
    return meters;
  }

  private BackendRequestMeters create(InstanceId backend) {
    return new BackendRequestMeters(registry, backend.toString());
  }
}
