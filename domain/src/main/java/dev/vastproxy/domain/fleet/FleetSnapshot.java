package dev.vastproxy.domain.fleet;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingTable;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The whole fleet at one moment: every enrolled backend by id, and the routing table of it. */
public final class FleetSnapshot {
  private static final FleetSnapshot EMPTY =
      new FleetSnapshot(new TreeMap<>(), RoutingTable.empty(), Optional.empty(), 0);

  private final SortedMap<InstanceId, Backend> backends;
  private final List<Backend> ordered;
  private final RoutingTable routing;
  private final Optional<FleetProblem> problem;
  private final long version;

  private FleetSnapshot(
      SortedMap<InstanceId, Backend> backends,
      RoutingTable routing,
      Optional<FleetProblem> problem,
      long version) {
    this.backends = Collections.unmodifiableSortedMap(backends);
    this.ordered = List.copyOf(backends.values());
    this.routing = routing;
    this.problem = problem;
    this.version = version;
  }

  /** A fleet with no backends. */
  public static FleetSnapshot empty() {
    return EMPTY;
  }

  /** Every backend, by id. */
  public List<Backend> backends() {
    return ordered;
  }

  /** One backend. */
  public Optional<Backend> backend(InstanceId id) {
    return Optional.ofNullable(backends.get(id));
  }

  /** The backends that can take requests, grouped for selection. */
  public RoutingTable routing() {
    return routing;
  }

  /** Why the fleet may be stale, while discovery fails. */
  public Optional<FleetProblem> problem() {
    return problem;
  }

  /** Counts changes: every new snapshot has a higher version than the one it replaced. */
  public long version() {
    return version;
  }

  /** The fleet made of other backends (by id); the routing table is rebuilt. */
  public FleetSnapshot withBackends(Collection<Backend> replacement) {
    SortedMap<InstanceId, Backend> byId = new TreeMap<>();
    for (Backend backend : replacement) {
      if (byId.put(backend.id(), backend) != null) {
        throw new IllegalArgumentException("backend " + backend.id() + " listed twice");
      }
    }
    return new FleetSnapshot(
        byId, RoutingTable.build(byId.values(), routing), problem, version + 1);
  }

  /** The fleet with one backend replaced (or added). */
  public FleetSnapshot withBackend(Backend backend) {
    Backend current = backends.get(backend.id());
    if (current != null && current.equals(backend)) {
      return this;
    }
    SortedMap<InstanceId, Backend> byId = new TreeMap<>(backends);
    byId.put(backend.id(), backend);
    boolean routingChanged = backend.isRoutable() || (current != null && current.isRoutable());
    RoutingTable table = routingChanged ? RoutingTable.build(byId.values(), routing) : routing;
    return new FleetSnapshot(byId, table, problem, version + 1);
  }

  /** The same fleet with (or without) a discovery problem. */
  public FleetSnapshot withProblem(Optional<FleetProblem> newProblem) {
    Objects.requireNonNull(newProblem, "newProblem");
    if (newProblem.equals(problem)) {
      return this;
    }
    return new FleetSnapshot(new TreeMap<>(backends), routing, newProblem, version + 1);
  }

  @Override
  public String toString() {
    return "FleetSnapshot[version=" + version + ", backends=" + backends.keySet() + "]";
  }
}
