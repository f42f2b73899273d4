package dev.vastproxy.domain.fleet;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the fleet in line with vast.ai's list: running instances enter as DISCOVERED, listed ones
 * are updated, vanished ones become REMOVING and are forgotten five minutes later; an instance that
 * comes back after removal is discovered anew.
 */
public final class Reconciliation {
  /** How long a removed backend stays visible before it is forgotten. */
  public static final Duration FORGET_AFTER = Duration.ofMinutes(5);

  private Reconciliation() {}

  /** The fleet after a successful listing; any discovery problem is cleared. */
  public static FleetSnapshot apply(
      FleetSnapshot fleet, List<Instance> listed, Transport transport, Instant now) {
    Map<InstanceId, Instance> running = new LinkedHashMap<>();
    for (Instance instance : listed) {
      if (instance.isRunning()) {
        running.put(instance.id(), instance);
      }
    }
    List<Backend> next = new ArrayList<>();
    boolean changed = false;
    for (Backend backend : fleet.backends()) {
      Instance listing = running.remove(backend.id());
      Backend updated;
      if (backend.state() == BackendState.REMOVING) {
        if (listing != null) {
          updated = Backend.discovered(listing, transport, now);
        } else if (backend.timeInState(now).compareTo(FORGET_AFTER) >= 0) {
          changed = true;
          continue;
        } else {
          updated = backend;
        }
      } else if (listing != null) {
        updated = backend.withInstance(listing);
      } else {
        updated =
            backend.transitionTo(
                BackendState.REMOVING,
                now,
                StateReason.of(StateReason.Cause.GONE, "no longer listed as running by vast.ai"));
      }
      changed |= updated != backend;
      next.add(updated);
    }
    for (Instance newcomer : running.values()) {
      next.add(Backend.discovered(newcomer, transport, now));
      changed = true;
    }
    FleetSnapshot result = changed ? fleet.withBackends(next) : fleet;
    return result.withProblem(Optional.empty());
  }

  /** The fleet less the backends removed long enough ago; used while listing fails. */
  public static FleetSnapshot forgetExpired(FleetSnapshot fleet, Instant now) {
    List<Backend> kept = new ArrayList<>();
    for (Backend backend : fleet.backends()) {
      if (backend.state() != BackendState.REMOVING
          || backend.timeInState(now).compareTo(FORGET_AFTER) < 0) {
        kept.add(backend);
      }
    }
    return kept.size() == fleet.backends().size() ? fleet : fleet.withBackends(kept);
  }
}
