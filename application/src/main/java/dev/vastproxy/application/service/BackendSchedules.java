package dev.vastproxy.application.service;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import java.time.Duration;
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
    startDue(snapshot, now, eligible, backend -> false, Duration.ZERO, start);
  }

  /**
   * As {@link #startDue(FleetSnapshot, Instant, Predicate, BiConsumer)}, but a backend that is
   * {@code hurried} is due already {@code hurriedGap} after its last run started, whatever its run
   * asked for when it ended: a need that arose since (traffic on an engine not yet measured) is met
   * at the next tick, not an interval later.
   */
  void startDue(
      FleetSnapshot snapshot,
      Instant now,
      Predicate<Backend> eligible,
      Predicate<Backend> hurried,
      Duration hurriedGap,
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
      Instant earliest = hurried.test(backend) ? slot.startedAt.plus(hurriedGap) : null;
      if (slot.tryStart(now, earliest)) {
        start.accept(backend, slot);
      }
    }
  }

  /** One backend incarnation's schedule. */
  static final class Slot {
    private final long incarnation;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile Instant dueAt;
    private volatile Instant startedAt;

    private Slot(long incarnation, Instant dueAt) {
      this.incarnation = incarnation;
      this.dueAt = dueAt;
      this.startedAt = dueAt;
    }

    /** Whether the backend is the incarnation this slot was made for. */
    boolean owns(Backend backend) {
      return backend.incarnation() == incarnation;
    }

    /**
     * Starts a run if one is due (by {@code earliest} too, when not null) and none is in flight.
     */
    private boolean tryStart(Instant now, Instant earliest) {
      boolean due = !now.isBefore(dueAt) || (earliest != null && !now.isBefore(earliest));
      if (due && inFlight.compareAndSet(false, true)) {
        startedAt = now;
        return true;
      }
      return false;
    }

    /** The run ended; the next one is due then. */
    void finish(Instant nextDue) {
      dueAt = nextDue;
      inFlight.set(false);
    }
  }
}
