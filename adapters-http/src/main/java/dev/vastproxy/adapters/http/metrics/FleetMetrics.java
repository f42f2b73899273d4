package dev.vastproxy.adapters.http.metrics;

import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet in Micrometer: gauges read the fleet at scrape time (backends per state, each backend's
 * health, in-flight and held requests, SSH path and cost, discovery failures in a row), and, as a
 * {@link FleetListener}, counters of what changes reveal (discovery failures, GPU probe failures,
 * state changes by new state and reason). Per-backend meters come and go with the backend.
 */
public final class FleetMetrics implements FleetListener {
  static final String BACKENDS = "vastproxy.backends";
  static final String IN_FLIGHT = "vastproxy.in.flight";
  static final String HELD = "vastproxy.requests.held";
  static final String DOLLARS_PER_HOUR = "vastproxy.fleet.dollars.per.hour";
  static final String DISCOVERY_FAILURES = "vastproxy.discovery.failures";
  static final String DISCOVERY_FAILING = "vastproxy.discovery.consecutive.failures";
  static final String BACKEND_IN_FLIGHT = "vastproxy.backend.in.flight";
  static final String SSH_PATH = "vastproxy.backend.ssh.path";
  static final String STATE_CHANGES = "vastproxy.backend.state.changes";
  static final String UP = "vastproxy.backend.up";
  static final String BACKEND_DOLLARS_PER_HOUR = "vastproxy.backend.dollars.per.hour";
  static final String GPU_PROBE_FAILURES = "vastproxy.gpu.probe.failures";

  private final MeterRegistry registry;
  private final ObserveFleetUseCase fleet;
  private final Counter discoveryFailures;
  private final Counter authenticationFailures;
  private final Map<InstanceId, BackendMeters> tracked = new HashMap<>();

  public FleetMetrics(MeterRegistry registry, ObserveFleetUseCase fleet) {
    this.registry = registry;
    this.fleet = fleet;
    for (BackendState state : BackendState.values()) {
      Gauge.builder(BACKENDS, this, metrics -> metrics.count(state))
          .description("Enrolled backends by state")
          .tag("state", lower(state.name()))
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder(IN_FLIGHT, this, metrics -> metrics.fleet.observeFleet().traffic().inFlight())
        .description("Requests being served now, across the fleet")
        .strongReference(true)
        .register(registry);
    Gauge.builder(HELD, this, metrics -> metrics.fleet.observeFleet().traffic().held())
        .description("Requests held in the waiting room: no instance could take them yet")
        .strongReference(true)
        .register(registry);
    Gauge.builder(DOLLARS_PER_HOUR, this, metrics -> metrics.fleet.observeFleet().dollarsPerHour())
        .description("The enrolled instances' cost per hour, in dollars")
        .strongReference(true)
        .register(registry);
    Gauge.builder(DISCOVERY_FAILING, this, FleetMetrics::failuresInARow)
        .description("vast.ai polls failed in a row; 0 while discovery works")
        .strongReference(true)
        .register(registry);
    discoveryFailures = discoveryCounter(false);
    authenticationFailures = discoveryCounter(true);
    track(fleet.observeFleet().fleet());
  }

  @Override
  public synchronized void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    countDiscoveryFailures(before.problem(), after.problem());
    for (Backend now : after.backends()) {
      Optional<Backend> earlier = before.backend(now.id());
      if (earlier.isEmpty()) {
        continue;
      }
      BackendMeters meters = tracked.get(now.id());
      if (meters == null) {
        continue;
      }
      Backend was = earlier.get();
      if (now.state() != was.state()) {
        meters.stateChanged(now);
      }
      Optional<String> problem = now.gpu().problem();
      if (problem.isPresent() && !problem.equals(was.gpu().problem())) {
        meters.gpuFailures.increment();
      }
    }
    track(after);
  }

  /** Registers meters for new backends and removes those of backends that left. */
  private synchronized void track(FleetSnapshot snapshot) {
    for (Iterator<Map.Entry<InstanceId, BackendMeters>> it = tracked.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<InstanceId, BackendMeters> entry = it.next();
      if (snapshot.backend(entry.getKey()).isEmpty()) {
        entry.getValue().remove();
        it.remove();
      }
    }
    for (Backend backend : snapshot.backends()) {
      tracked.computeIfAbsent(backend.id(), BackendMeters::new);
    }
  }

  private void countDiscoveryFailures(Optional<FleetProblem> before, Optional<FleetProblem> after) {
    if (after.isEmpty()) {
      return;
    }
    FleetProblem now = after.get();
    boolean sameRun = before.isPresent() && before.get().since().equals(now.since());
    int fresh = now.failures() - (sameRun ? before.get().failures() : 0);
    if (fresh > 0) {
      (now.authentication() ? authenticationFailures : discoveryFailures).increment(fresh);
    }
  }

  private Counter discoveryCounter(boolean authentication) {
    return Counter.builder(DISCOVERY_FAILURES)
        .description("Failed vast.ai polls; authentication=true when vast.ai refused the API key")
        .tag("authentication", Boolean.toString(authentication))
        .register(registry);
  }

  private double count(BackendState state) {
    int count = 0;
    for (Backend backend : fleet.observeFleet().fleet().backends()) {
      if (backend.state() == state) {
        count++;
      }
    }
    return count;
  }

  private double failuresInARow() {
    return fleet.observeFleet().fleet().problem().map(FleetProblem::failures).orElse(0);
  }

  private Optional<Backend> backend(InstanceId id) {
    return fleet.observeFleet().fleet().backend(id);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** One backend's meters. */
  private final class BackendMeters {
    private final String tag;
    private final Map<String, Counter> stateChanges = new HashMap<>();
    private final Counter gpuFailures;
    private final Gauge inFlight;
    private final Gauge up;
    private final Gauge dollarsPerHour;
    private final Gauge[] sshPaths;

    BackendMeters(InstanceId id) {
      tag = id.toString();
      gpuFailures =
          Counter.builder(GPU_PROBE_FAILURES)
              .description("GPU probes over SSH that failed with a new or different problem")
              .tag("backend", tag)
              .register(registry);
      inFlight =
          Gauge.builder(
                  BACKEND_IN_FLIGHT,
                  FleetMetrics.this,
                  metrics -> metrics.backend(id).map(b -> b.load().inFlight()).orElse(0))
              .description("Requests a backend is serving now")
              .tag("backend", tag)
              .strongReference(true)
              .register(registry);
      up =
          Gauge.builder(
                  UP,
                  FleetMetrics.this,
                  metrics -> metrics.backend(id).map(b -> b.isRoutable() ? 1 : 0).orElse(0))
              .description("1 while a backend takes traffic (HEALTHY with an endpoint), else 0")
              .tag("backend", tag)
              .strongReference(true)
              .register(registry);
      dollarsPerHour =
          Gauge.builder(
                  BACKEND_DOLLARS_PER_HOUR,
                  FleetMetrics.this,
                  metrics ->
                      metrics.backend(id).map(b -> b.instance().dollarsPerHour()).orElse(0.0))
              .description("What vast.ai charges for a backend's instance per hour, in dollars")
              .tag("backend", tag)
              .strongReference(true)
              .register(registry);
      SshPath[] paths = SshPath.values();
      sshPaths = new Gauge[paths.length];
      for (SshPath path : paths) {
        sshPaths[path.ordinal()] =
            Gauge.builder(
                    SSH_PATH,
                    FleetMetrics.this,
                    metrics ->
                        metrics.backend(id).map(b -> b.gpu().path() == path ? 1 : 0).orElse(0))
                .description("1 for the way SSH reaches a backend for GPU metrics, else 0")
                .tags("backend", tag, "path", lower(path.name()))
                .strongReference(true)
                .register(registry);
      }
    }

    /** Counts a move into the backend's new state, by that state and the reason for it. */
    void stateChanged(Backend now) {
      String state = lower(now.state().name());
      String reason = now.reason().cause().label();
      stateChanges
          .computeIfAbsent(
              state + ' ' + reason,
              key ->
                  Counter.builder(STATE_CHANGES)
                      .description(
                          "Times a backend entered a state, by the state entered and the reason")
                      .tags("backend", tag, "state", state, "reason", reason)
                      .register(registry))
          .increment();
    }

    void remove() {
      stateChanges.values().forEach(registry::remove);
      registry.remove(gpuFailures);
      registry.remove(inFlight);
      registry.remove(up);
      registry.remove(dollarsPerHour);
      for (Gauge path : sshPaths) {
        registry.remove(path);
      }
    }
  }
}
