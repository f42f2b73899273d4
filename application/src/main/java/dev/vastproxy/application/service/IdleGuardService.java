package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.application.port.in.IdleCountdown;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.application.port.out.StopInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendLoad;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.load.LoadReading;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The idle guard: watches every served backend's traffic by sampling its counters (nothing on the
 * request path), and when one has served no request for the idle time, stops or destroys it (or,
 * with action {@code none}, only shows the countdown). Activity is this proxy's requests started or
 * in flight, and the engine's own report of requests and generated tokens, so traffic through other
 * replicas keeps an instance awake too. Only instances that served a model since the proxy started
 * are ever touched. The backend leaves the routing table before the call, and a request that
 * slipped in meanwhile cancels it. A stop is marked in the instance's label, so that it is undone
 * on demand by any replica, also after a restart.
 */
public final class IdleGuardService {
  private static final System.Logger LOG = System.getLogger(IdleGuardService.class.getName());

  /** The longest time between two samples. */
  static final Duration MAX_PERIOD = Duration.ofSeconds(5);

  /** The shortest time between two samples. */
  static final Duration MIN_PERIOD = Duration.ofMillis(100);

  private final Fleet fleet;
  private final InstanceLedger ledger;
  private final StopMarkService marks;
  private final StopInstancePort stops;
  private final DestroyInstancePort destroys;
  private final Executor worker;
  private final Clock clock;
  private final IdleAction action;
  private final Duration idleAfter;
  private final Ticker ticker;
  private final Map<InstanceId, Activity> activity = new ConcurrentHashMap<>();
  private final Set<InstanceId> acting = ConcurrentHashMap.newKeySet();

  /** What was last seen of a backend's traffic, and since when it has not changed. */
  private record Activity(
      long incarnation, long started, OptionalDouble generated, Instant idleSince) {}

  /**
   * @param worker runs the (blocking) stop and destroy calls
   * @param action what to do with an idle instance
   * @param idleAfter how long without a request makes an instance idle
   */
  public IdleGuardService(
      Fleet fleet,
      InstanceLedger ledger,
      StopMarkService marks,
      StopInstancePort stops,
      DestroyInstancePort destroys,
      ScheduleTaskPort scheduler,
      Executor worker,
      Clock clock,
      IdleAction action,
      Duration idleAfter) {
    this.fleet = fleet;
    this.ledger = ledger;
    this.marks = marks;
    this.stops = stops;
    this.destroys = destroys;
    this.worker = worker;
    this.clock = clock;
    this.action = Objects.requireNonNull(action, "action");
    if (idleAfter.isNegative() || idleAfter.isZero()) {
      throw new IllegalArgumentException("idle time must be positive, got " + idleAfter);
    }
    this.idleAfter = idleAfter;
    this.ticker = new Ticker(scheduler, period(idleAfter), this::check);
  }

  /** The time between two samples: a thirtieth of the idle time, within 100 ms and 5 s. */
  static Duration period(Duration idleAfter) {
    Duration period = idleAfter.dividedBy(30);
    if (period.compareTo(MIN_PERIOD) < 0) {
      return MIN_PERIOD;
    }
    return period.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : period;
  }

  /** The configured action. */
  public IdleAction action() {
    return action;
  }

  /** Samples now, then every period. */
  public void start() {
    ticker.start();
  }

  /** Stops sampling; an action under way finishes. */
  public void stop() {
    ticker.stop();
  }

  /** How long a backend has been idle and when the guard acts on it; empty when not counting. */
  public Optional<IdleCountdown> countdown(InstanceId id) {
    Activity seen = activity.get(id);
    if (seen == null) {
      return Optional.empty();
    }
    return Optional.of(
        new IdleCountdown(seen.idleSince(), action, seen.idleSince().plus(idleAfter)));
  }

  /** One sample of every backend; acts on those idle long enough. */
  void check() {
    Instant now = clock.instant();
    Set<InstanceId> counted = new HashSet<>();
    for (Backend backend : fleet.snapshot().backends()) {
      if (!counts(backend)) {
        continue;
      }
      counted.add(backend.id());
      Activity seen = observe(backend, now);
      if (action != IdleAction.NONE
          && ledger.actionable(backend.id())
          && !now.isBefore(seen.idleSince().plus(idleAfter))
          && !acting.contains(backend.id())) {
        act(backend, seen, now);
      }
    }
    activity.keySet().retainAll(counted);
  }

  /** Only a backend that serves (or served and may again) counts; one loading is not idle. */
  private static boolean counts(Backend backend) {
    return backend.state() == BackendState.HEALTHY || backend.state() == BackendState.UNHEALTHY;
  }

  private Activity observe(Backend backend, Instant now) {
    BackendLoad load = backend.load();
    Optional<LoadReading> reading = load.signals().reading();
    OptionalDouble generated =
        reading.map(r -> r.report().generatedTokens()).orElse(OptionalDouble.empty());
    boolean busy = load.inFlight() > 0 || reading.map(r -> r.report().requests() > 0).orElse(false);
    Activity before = activity.get(backend.id());
    boolean changed =
        before == null
            || before.incarnation() != backend.incarnation()
            || before.started() != load.started()
            || (generated.isPresent() && !generated.equals(before.generated()));
    if (busy || changed) {
      Activity fresh = new Activity(backend.incarnation(), load.started(), generated, now);
      activity.put(backend.id(), fresh);
      return fresh;
    }
    return before;
  }

  private void act(Backend backend, Activity seen, Instant now) {
    InstanceId id = backend.id();
    String why =
        "no request for "
            + minutes(idleAfter)
            + "; "
            + (action == IdleAction.STOP ? "stopping" : "destroying")
            + " it (VASTPROXY_IDLE_ACTION="
            + action.text()
            + ")";
    boolean[] taken = new boolean[1];
    fleet.updateBackend(
        id,
        current -> {
          // Under the fleet's lock: out of the routing table only if nothing started meanwhile.
          if (current.incarnation() != seen.incarnation()
              || current.load().started() != seen.started()
              || current.load().inFlight() > 0
              || !counts(current)) {
            return current;
          }
          taken[0] = true;
          return current.transitionTo(
              BackendState.REMOVING, now, StateReason.of(StateReason.Cause.IDLE, why));
        });
    if (!taken[0]) {
      return;
    }
    acting.add(id);
    activity.remove(id);
    BackendLoad load = backend.load();
    worker.execute(() -> perform(backend.instance(), load, seen.started(), why));
  }

  private void perform(Instance instance, BackendLoad load, long started, String why) {
    InstanceId id = instance.id();
    try {
      if (load.started() != started || load.inFlight() > 0) {
        // A request picked it from an older snapshot: there is demand after all. The next listing
        // enrols it again, since it still runs.
        LOG.log(Level.INFO, "instance {0} got a request while going idle; kept running", id);
        return;
      }
      if (action == IdleAction.STOP) {
        stops.stop(id);
        marks.stopped(instance, ledger.stoppedByProxy(id, "idle for " + minutes(idleAfter)));
        LOG.log(
            Level.WARNING,
            "stopped instance {0}: {1}; the next request for {2} starts it again",
            id,
            why,
            String.join(", ", ledger.servedModels(id)));
      } else {
        destroys.destroy(id);
        LOG.log(Level.WARNING, "destroyed instance {0}: {1}", id, why);
      }
    } catch (VastApiException e) {
      LOG.log(
          Level.ERROR,
          "could not {0} idle instance {1}: {2}; it is enrolled again at the next listing",
          action.text(),
          id,
          e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "could not " + action.text() + " idle instance " + id, e);
    } finally {
      acting.remove(id);
    }
  }

  /** A duration for a message: {@code 30m}, {@code 90s}, {@code 1500ms}. */
  static String minutes(Duration duration) {
    if (duration.toMillis() % 60_000 == 0) {
      return duration.toMinutes() + "m";
    }
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }
}
