package dev.vastproxy.domain.fleet;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The one place of mutable truth about the fleet. Readers take the current immutable snapshot
 * without locking; writers (discovery, health checks, the proxy on a transport failure) replace it
 * one at a time, and listeners hear of each change in order.
 */
public final class Fleet {
  private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
  private volatile FleetSnapshot current = FleetSnapshot.empty();

  /** The fleet now. Never blocks. */
  public FleetSnapshot snapshot() {
    return current;
  }

  /** Adds a listener for later changes. */
  public void addListener(FleetListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Replaces the fleet with the change's result and tells the listeners; a change that returns its
   * input changes nothing.
   *
   * @return the fleet after the change
   */
  public synchronized FleetSnapshot update(UnaryOperator<FleetSnapshot> change) {
    FleetSnapshot before = current;
    FleetSnapshot after = Objects.requireNonNull(change.apply(before), "change result");
    if (after == before) {
      return before;
    }
    current = after;
    RuntimeException failure = null;
    for (FleetListener listener : listeners) {
      try {
        listener.fleetChanged(before, after);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return after;
  }

  /** Changes one backend, if it is still enrolled. */
  public FleetSnapshot updateBackend(InstanceId id, UnaryOperator<Backend> change) {
    return update(
        fleet ->
            fleet
                .backend(id)
                .map(backend -> fleet.withBackend(change.apply(backend)))
                .orElse(fleet));
  }
}
