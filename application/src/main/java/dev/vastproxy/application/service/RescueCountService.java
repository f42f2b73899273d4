package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.CountRescuesUseCase;
import dev.vastproxy.domain.backend.Rescue;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;

/**
 * Counts rescues twice: in the fleet's totals since start (kept by {@link RequestStatistics}, so
 * they outlive the instances) and on the instance's own counters, from a snapshot, without locking.
 */
public final class RescueCountService implements CountRescuesUseCase {
  private final Fleet fleet;
  private final RequestStatistics statistics;

  public RescueCountService(Fleet fleet, RequestStatistics statistics) {
    this.fleet = fleet;
    this.statistics = statistics;
  }

  @Override
  public void count(InstanceId instance, Rescue rescue) {
    statistics.rescues().add(rescue);
    fleet.snapshot().backend(instance).ifPresent(backend -> backend.load().rescues().add(rescue));
  }
}
