package dev.vastproxy.application.service;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.fleet.InstanceAlert;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.InstanceSelection;
import dev.vastproxy.domain.instance.StopMark;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the proxy learned about each instance of the account since it started: the latest listing of
 * every instance (selected or not, running or not), which ones served a model (were HEALTHY at
 * least once: only those may be stopped or destroyed by the proxy), which ones it stopped itself
 * (only those it starts again), and their alerts, each logged once while it lasts.
 */
public final class InstanceLedger implements FleetListener, AccountListener {
  private static final System.Logger LOG = System.getLogger(InstanceLedger.class.getName());

  /** The reason of a stop learned from an instance's label. */
  static final String MARKED = "its label says a vastproxy stopped it";

  private final InstanceSelection selection;
  private final Clock clock;
  private volatile SortedMap<InstanceId, Instance> listed = new TreeMap<>();
  private final Map<InstanceId, List<String>> served = new ConcurrentHashMap<>();
  private final Set<InstanceId> seenRunning = ConcurrentHashMap.newKeySet();
  private final Map<InstanceId, ProxyStop> stopped = new ConcurrentHashMap<>();
  private final Map<InstanceId, Set<InstanceAlert>> logged = new ConcurrentHashMap<>();

  /**
   * One stop the proxy made: this replica, or any replica before, as the instance's label says.
   *
   * @param mark when, and the models the instance served before
   * @param reason why, for people
   */
  public record ProxyStop(StopMark mark, String reason) {
    public ProxyStop {
      Objects.requireNonNull(mark, "mark");
      Objects.requireNonNull(reason, "reason");
    }

    /** When the proxy asked vast.ai to stop the instance. */
    public Instant at() {
      return mark.at();
    }

    /** The models the instance served before. */
    public List<String> models() {
      return mark.models();
    }
  }

  public InstanceLedger(InstanceSelection selection, Clock clock) {
    this.selection = selection;
    this.clock = clock;
  }

  /** Which instances are enrolled. */
  public InstanceSelection selection() {
    return selection;
  }

  @Override
  public void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    for (Backend backend : after.backends()) {
      if (backend.state() == BackendState.HEALTHY) {
        List<String> models = backend.models();
        List<String> known = served.get(backend.id());
        if (known == null || !known.equals(models)) {
          served.put(backend.id(), models);
        }
      }
    }
  }

  @Override
  public void accountListed(List<Instance> instances, Instant at) {
    SortedMap<InstanceId, Instance> byId = new TreeMap<>();
    for (Instance instance : instances) {
      byId.put(instance.id(), instance);
      if (instance.isRunning()) {
        seenRunning.add(instance.id());
      }
      ProxyStop stop = stopped.get(instance.id());
      if (stop != null && stop.mark().endedBy(instance, at)) {
        stopped.remove(instance.id());
        LOG.log(Level.INFO, "instance {0} runs again", instance.id());
      } else if (stop == null && selection.matches(instance)) {
        // Stopped (or stopping) by this proxy before a restart, or by another replica: the label
        // says so. An instance this replica does not enrol is not its to wake.
        instance
            .stopMark()
            .filter(mark -> !mark.endedBy(instance, at))
            .ifPresent(mark -> stopped.put(instance.id(), new ProxyStop(mark, MARKED)));
      }
    }
    listed = byId;
    stopped.keySet().removeIf(id -> !byId.containsKey(id));
    logAlerts(byId, at);
  }

  private void logAlerts(SortedMap<InstanceId, Instance> byId, Instant at) {
    logged.keySet().removeIf(id -> !byId.containsKey(id));
    for (Instance instance : byId.values()) {
      if (!selection.matches(instance)) {
        continue;
      }
      Set<InstanceAlert> now = alerts(instance, at);
      Set<InstanceAlert> before = logged.getOrDefault(instance.id(), Set.of());
      for (InstanceAlert alert : now) {
        if (!before.contains(alert)) {
          LOG.log(
              Level.WARNING,
              "instance {0}: {1} (actual_status {2}, intended_status {3})",
              instance.id(),
              alert.text(),
              instance.actualStatus().isEmpty() ? "none" : instance.actualStatus(),
              instance.rental().intendedStatus().isEmpty()
                  ? "none"
                  : instance.rental().intendedStatus());
        }
      }
      if (now.isEmpty()) {
        logged.remove(instance.id());
      } else {
        logged.put(instance.id(), Set.copyOf(now));
      }
    }
  }

  /** The alerts of a listed instance now. */
  public Set<InstanceAlert> alerts(Instance instance, Instant now) {
    return InstanceAlert.of(
        instance, now, seenRunning.contains(instance.id()), stopped.containsKey(instance.id()));
  }

  /** Every instance of the latest listing, by id. */
  public List<Instance> listed() {
    return List.copyOf(listed.values());
  }

  /** An instance as last listed. */
  public Optional<Instance> listed(InstanceId id) {
    return Optional.ofNullable(listed.get(id));
  }

  /** Whether the instance was HEALTHY at least once since the proxy started. */
  public boolean served(InstanceId id) {
    return served.containsKey(id);
  }

  /** The models an instance served when last healthy; empty if it never was. */
  public List<String> servedModels(InstanceId id) {
    return served.getOrDefault(id, List.of());
  }

  /**
   * Whether the proxy may stop or destroy it: selected (it is enrolled) and it served a model since
   * the proxy started. A box that never answered as an inference server is never touched.
   */
  public boolean actionable(InstanceId id) {
    return served(id);
  }

  /** Records that the proxy asked vast.ai to stop the instance; the stop's mark. */
  public StopMark stoppedByProxy(InstanceId id, String reason) {
    StopMark mark = new StopMark(clock.instant(), servedModels(id));
    stopped.put(id, new ProxyStop(mark, reason));
    return mark;
  }

  /** The proxy's stop of the instance, while it stays stopped. */
  public Optional<ProxyStop> proxyStop(InstanceId id) {
    return Optional.ofNullable(stopped.get(id));
  }

  /** Every stop of the proxy's that still holds, by instance. */
  public Map<InstanceId, ProxyStop> proxyStops() {
    return Map.copyOf(stopped);
  }
}
