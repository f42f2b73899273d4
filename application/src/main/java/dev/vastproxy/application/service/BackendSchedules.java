package dev.vastproxy.application.service;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * When each backend is next due for a periodic job (a probe), with at most one run in flight per
 * backend. A backend that is removed and discovered anew gets a fresh slot.
 */
final class BackendSchedules {
  private final Map<InstanceId, Slot> slots = new ConcurrentHashMap<>();

  /**
   * Starts the job for every eligible, non-REMOVING backend that is due and idle; new backends are
   * due at once. Slots of backends no longer enrolled are dropped.
   */
  void startDue(
      FleetSnapshot snapshot,
      Instant now,
      Predicate<Backend> eligible,
      BiConsumer<Backend, Slot> start) {
    slots
        .keySet()
        .removeIf(
            id -> snapshot.backend(id).map(b -> b.state() == BackendState.REMOVING).orElse(true));
    for (Backend backend : snapshot.backends()) {
      if (backend.state() == BackendState.REMOVING || !eligible.test(backend)) {
        continue;
      }
      Slot slot =
          slots.compute(
              backend.id(),
              (id, old) ->
                  old == null || old.incarnation != backend.incarnation()
                      ? new Slot(backend.incarnation(), now)
                      : old);
      if (slot.tryStart(now)) {
        start.accept(backend, slot);
      }
    }
  }

  /** One backend incarnation's schedule. */
  static final class Slot {
    private final long incarnation;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile Instant dueAt;

    private Slot(long incarnation, Instant dueAt) {
      this.incarnation = incarnation;
      this.dueAt = dueAt;
    }

    /** Whether the backend is the incarnation this slot was made for. */
    boolean owns(Backend backend) {
      return backend.incarnation() == incarnation;
    }

    private boolean tryStart(Instant now) {
      return !now.isBefore(dueAt) && inFlight.compareAndSet(false, true);
    }

    /** The run ended; the next one is due then. */
    void finish(Instant nextDue) {
      dueAt = nextDue;
      inFlight.set(false);
    }
  }
}
