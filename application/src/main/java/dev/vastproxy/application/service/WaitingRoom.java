package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.HoldRequestUseCase;
import dev.vastproxy.application.port.out.ModelDemandListener;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.routing.QueueLimit;
import dev.vastproxy.domain.routing.RouteGroup;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds requests that no backend can take now and wakes them when one may: on every fleet change (a
 * backend turned healthy) and, while any request is held, every {@link #RECHECK} (engine queues are
 * read without a fleet change). Holding is lock-free and allocation-light; a held request is a
 * callback, not a thread. The room is bounded: beyond its capacity requests are answered at once.
 */
public final class WaitingRoom implements HoldRequestUseCase, FleetListener {
  private static final System.Logger LOG = System.getLogger(WaitingRoom.class.getName());

  /** How often held requests are checked against the engines' latest queue readings. */
  static final Duration RECHECK = Duration.ofMillis(200);

  private final Fleet fleet;
  private final WaitingRoomSettings settings;
  private final QueueLimit queues;
  private final ScheduleTaskPort scheduler;
  private final ModelDemandListener demand;
  private final Set<Place> places = ConcurrentHashMap.newKeySet();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicBoolean rechecking = new AtomicBoolean();
  private final AtomicBoolean fullLogged = new AtomicBoolean();

  public WaitingRoom(
      Fleet fleet,
      WaitingRoomSettings settings,
      ScheduleTaskPort scheduler,
      ModelDemandListener demand) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.queues = new QueueLimit(settings.queueLimit());
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.demand = Objects.requireNonNull(demand, "demand");
  }

  @Override
  public Optional<HeldRequest> hold(Optional<String> model, HoldReason reason, Runnable wake) {
    if (!settings.open()) {
      return Optional.empty();
    }
    if (held.incrementAndGet() > settings.capacity()) {
      held.decrementAndGet();
      if (fullLogged.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "the waiting room is full ({0} requests held): more are answered at once",
            settings.capacity());
      }
      return Optional.empty();
    }
    Place place = new Place(model, reason, wake);
    places.add(place);
    if (reason == HoldReason.UNAVAILABLE) {
      model.ifPresent(demand::unserved);
    }
    // A change published between the caller's route and the add above woke nobody: look again.
    if (mayRoute(fleet.snapshot(), place)) {
      place.wake();
    } else {
      recheckSoon();
    }
    return Optional.of(place);
  }

  @Override
  public Duration limit() {
    return settings.open() ? settings.limit() : Duration.ZERO;
  }

  /** Requests held now. */
  public int held() {
    return held.get();
  }

  @Override
  public void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    if (!places.isEmpty() && before.routing() != after.routing()) {
      wakeRoutable(after);
    }
  }

  /** Wakes the held requests that a backend may take now. */
  void recheck() {
    wakeRoutable(fleet.snapshot());
    rechecking.set(false);
    if (!places.isEmpty()) {
      recheckSoon();
    }
  }

  private void recheckSoon() {
    if (rechecking.compareAndSet(false, true)) {
      scheduler.schedule(RECHECK, this::recheck);
    }
  }

  private void wakeRoutable(FleetSnapshot snapshot) {
    for (Place place : places) {
      if (mayRoute(snapshot, place)) {
        place.wake();
      } else if (place.reason == HoldReason.UNAVAILABLE) {
        // Told again while held: a demand the listener could not act on when the request arrived
        // (the stopped instance was still listed as enrolled) is acted on once it can be.
        place.model.ifPresent(demand::unserved);
      }
    }
  }

  private boolean mayRoute(FleetSnapshot snapshot, Place place) {
    Optional<RouteGroup> candidates = QueueLimit.candidates(snapshot.routing(), place.model);
    return candidates.isPresent() && !queues.allOver(candidates.get());
  }

  /** One held request. */
  private final class Place implements HeldRequest {
    private final Optional<String> model;
    private final HoldReason reason;
    private final Runnable wake;
    private final AtomicBoolean gone = new AtomicBoolean();

    Place(Optional<String> model, HoldReason reason, Runnable wake) {
      this.model = model;
      this.reason = reason;
      this.wake = wake;
    }

    void wake() {
      if (free()) {
        wake.run();
      }
    }

    @Override
    public void leave() {
      free();
    }

    private boolean free() {
      if (!gone.compareAndSet(false, true)) {
        return false;
      }
      places.remove(this);
      if (held.decrementAndGet() < settings.capacity()) {
        fullLogged.set(false);
      }
      return true;
    }
  }
}
