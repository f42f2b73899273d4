package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.ModelDemandListener;
import dev.vastproxy.application.port.out.StartInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Starts again an instance the idle guard stopped, when a request arrives for one of its models and
 * nothing enrolled serves that model. Only the proxy's own stops are undone (a user's stop never
 * is); one instance per model at a time, the cheapest first; a start that vast.ai refused (the
 * host's GPUs may be rented meanwhile) is tried again only after {@link #RETRY_AFTER}. While the
 * models of stopped instances stay stopped, they stay known, so their requests are held or told to
 * retry (503), not refused as unknown (404).
 */
public final class WakeService implements ModelDemandListener, ListingListener {
  private static final System.Logger LOG = System.getLogger(WakeService.class.getName());

  /** How long after a start (asked or failed) the same instance is not asked again. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private final Fleet fleet;
  private final InstanceLedger ledger;
  private final StartInstancePort starts;
  private final KnownModels known;
  private final Executor worker;
  private final Clock clock;
  private final Map<InstanceId, Instant> asked = new ConcurrentHashMap<>();

  /**
   * @param worker runs the (blocking) start calls
   */
  public WakeService(
      Fleet fleet,
      InstanceLedger ledger,
      StartInstancePort starts,
      KnownModels known,
      Executor worker,
      Clock clock) {
    this.fleet = fleet;
    this.ledger = ledger;
    this.starts = starts;
    this.known = known;
    this.worker = worker;
    this.clock = clock;
  }

  @Override
  public void unserved(String model) {
    FleetSnapshot snapshot = fleet.snapshot();
    if (enrolledServes(snapshot, model)) {
      return;
    }
    Instant now = clock.instant();
    boolean underWay =
        ledger.proxyStops().entrySet().stream()
            .anyMatch(
                entry ->
                    entry.getValue().models().contains(model)
                        && asked
                            .getOrDefault(entry.getKey(), Instant.MIN)
                            .plus(RETRY_AFTER)
                            .isAfter(now));
    if (underWay) {
      return;
    }
    Optional<InstanceId> sleeper =
        ledger.proxyStops().entrySet().stream()
            .filter(entry -> entry.getValue().models().contains(model))
            .map(Map.Entry::getKey)
            .filter(id -> ledger.listed(id).map(WakeService::stopped).orElse(false))
            .min(
                Comparator.comparingDouble(
                        (InstanceId id) ->
                            ledger.listed(id).map(Instance::dollarsPerHour).orElse(0.0))
                    .thenComparing(Comparator.naturalOrder()));
    if (sleeper.isEmpty()) {
      return;
    }
    InstanceId id = sleeper.get();
    boolean[] mine = new boolean[1];
    asked.compute(
        id,
        (key, before) -> {
          if (before == null || before.plus(RETRY_AFTER).isBefore(now)) {
            mine[0] = true;
            return now;
          }
          return before;
        });
    if (!mine[0]) {
      return;
    }
    worker.execute(() -> wake(id, model));
  }

  /** Whether a backend that serves (or will serve, once loaded) the model is enrolled. */
  private boolean enrolledServes(FleetSnapshot snapshot, String model) {
    for (Backend backend : snapshot.backends()) {
      if (backend.state() == BackendState.REMOVING) {
        continue;
      }
      if (backend.serves(model)) {
        return true;
      }
      // A woken instance loading again serves nothing yet, but will serve what it served.
      if (backend.models().isEmpty() && ledger.servedModels(backend.id()).contains(model)) {
        return true;
      }
    }
    return false;
  }

  private static boolean stopped(Instance instance) {
    return !instance.isRunning();
  }

  private void wake(InstanceId id, String model) {
    try {
      starts.start(id);
      LOG.log(
          Level.WARNING,
          "starting instance {0} again: a request for {1} arrived and nothing running serves it",
          id,
          model);
    } catch (VastApiException e) {
      LOG.log(
          Level.ERROR,
          "could not start instance {0} for {1}: {2} (its host's GPUs may be rented meanwhile);"
              + " trying again in {3} s if requests keep coming",
          id,
          model,
          e.getMessage(),
          RETRY_AFTER.toSeconds());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "could not start instance " + id, e);
    }
  }

  /** Whether a start of the instance was asked for lately. */
  public boolean waking(InstanceId id) {
    Instant when = asked.get(id);
    return when != null
        && when.plus(RETRY_AFTER).isAfter(clock.instant())
        && ledger.proxyStop(id).isPresent();
  }

  /** Keeps the models of stopped instances known, so their requests are not refused as unknown. */
  @Override
  public void listed(FleetSnapshot fleet, Instant requested) {
    for (InstanceLedger.ProxyStop stop : ledger.proxyStops().values()) {
      stop.models().forEach(known::remember);
    }
    asked.keySet().removeIf(id -> ledger.proxyStop(id).isEmpty());
  }
}
