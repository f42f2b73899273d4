package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code vastproxy_instance_end_time_seconds{backend}}: when each enrolled instance's vast.ai
 * contract ends, in Unix seconds, for an "instance expiring soon" alert. Only instances whose end
 * vast.ai states have the series; it comes and goes with them.
 */
public final class ContractEndMetrics implements FleetListener {
  static final String END_TIME = "vastproxy.instance.end.time";

  private final MeterRegistry registry;
  private final ObserveFleetUseCase fleet;
  private final Map<InstanceId, Gauge> tracked = new HashMap<>();

  public ContractEndMetrics(MeterRegistry registry, ObserveFleetUseCase fleet) {
    this.registry = registry;
    this.fleet = fleet;
    track(fleet.observeFleet().fleet());
  }

  @Override
  public void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    track(after);
  }

  private synchronized void track(FleetSnapshot snapshot) {
    tracked
        .entrySet()
        .removeIf(
            entry -> {
              boolean gone =
                  snapshot
                      .backend(entry.getKey())
                      .flatMap(b -> b.instance().rental().endDate())
                      .isEmpty();
              if (gone) {
                registry.remove(entry.getValue());
              }
              return gone;
            });
    for (Backend backend : snapshot.backends()) {
      if (backend.instance().rental().endDate().isPresent()) {
        tracked.computeIfAbsent(backend.id(), this::register);
      }
    }
  }

  private Gauge register(InstanceId id) {
    return Gauge.builder(END_TIME, this, metrics -> metrics.endSeconds(id))
        .description("When the instance's vast.ai contract ends (end_date), in Unix seconds")
        .baseUnit("seconds")
        .tag("backend", id.toString())
        .strongReference(true)
        .register(registry);
  }

  private double endSeconds(InstanceId id) {
    return fleet
        .observeFleet()
        .fleet()
        .backend(id)
        .flatMap(b -> b.instance().rental().endDate())
        .map(end -> end.toEpochMilli() / 1000.0)
        .orElse(Double.NaN);
  }

  /** For tests: whether the instance has the series. */
  synchronized boolean tracks(InstanceId id) {
    return tracked.containsKey(id);
  }

  @Override
  public String toString() {
    return "ContractEndMetrics" + tracked.keySet();
  }
}
