package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An immutable view of the backends that can take requests, grouped for selection. Built when the
 * fleet changes and read lock-free on every request.
 */
public final class RoutingTable {
  private static final RoutingTable EMPTY =
      new RoutingTable(
          new RouteGroup(List.of(), new AtomicLong()), Map.of(), Map.of(), List.of(), List.of());

  private final RouteGroup all;
  private final Map<String, RouteGroup> byModel;
  private final Map<InstanceId, Backend> byId;
  private final List<String> models;
  private final List<ModelCard> cards;

  private RoutingTable(
      RouteGroup all,
      Map<String, RouteGroup> byModel,
      Map<InstanceId, Backend> byId,
      List<String> models,
      List<ModelCard> cards) {
    this.all = all;
    this.byModel = byModel;
    this.byId = byId;
    this.models = models;
    this.cards = cards;
  }

  /** A table with no backends. */
  public static RoutingTable empty() {
    return EMPTY;
  }

  /**
   * The routable backends among {@code backends}, grouped; rotation cursors are carried over from
   * {@code previous} so that the spread stays even across rebuilds.
   */
  public static RoutingTable build(Collection<Backend> backends, RoutingTable previous) {
    List<Backend> routable = new ArrayList<>();
    for (Backend backend : backends) {
      if (backend.isRoutable()) {
        routable.add(backend);
      }
    }
    // The shared empty table must not hand its cursor to every fleet.
    AtomicLong cursor = previous == EMPTY ? new AtomicLong() : previous.all.cursor();
    if (routable.isEmpty()) {
      return new RoutingTable(
          new RouteGroup(List.of(), cursor), Map.of(), Map.of(), List.of(), List.of());
    }
    routable.sort(Comparator.comparing(Backend::id));
    Map<String, List<Backend>> servers = new TreeMap<>();
    // The lowest id's entry wins when engines describe one model differently.
    Map<String, ModelCard> firstCards = new TreeMap<>();
    Map<InstanceId, Backend> byId = new HashMap<>();
    for (Backend backend : routable) {
      byId.put(backend.id(), backend);
      for (ModelCard card : backend.cards()) {
        String model = card.id();
        firstCards.putIfAbsent(model, card);
        List<Backend> serving = servers.computeIfAbsent(model, key -> new ArrayList<>());
        if (serving.isEmpty() || serving.get(serving.size() - 1) != backend) {
          serving.add(backend);
        }
      }
    }
    Map<String, RouteGroup> byModel = new HashMap<>();
    servers.forEach(
        (model, serving) -> {
          RouteGroup old = previous.byModel.get(model);
          byModel.put(
              model, new RouteGroup(serving, old == null ? new AtomicLong() : old.cursor()));
        });
    return new RoutingTable(
        new RouteGroup(routable, cursor),
        Map.copyOf(byModel),
        Map.copyOf(byId),
        List.copyOf(servers.keySet()),
        List.copyOf(firstCards.values()));
  }

  /** Every routable backend. */
  public RouteGroup all() {
    return all;
  }

  /** The routable backends serving a model. */
  public Optional<RouteGroup> serving(String model) {
    return Optional.ofNullable(byModel.get(model));
  }

  /** A routable backend by id. */
  public Optional<Backend> backend(InstanceId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every model some routable backend serves, sorted, without duplicates. */
  public List<String> models() {
    return models;
  }

  /**
   * Every model some routable backend serves, sorted by id, each as the routable backend with the
   * lowest instance id lists it.
   */
  public List<ModelCard> cards() {
    return cards;
  }

  /** Whether no backend can take requests. */
  public boolean isEmpty() {
    return all.isEmpty();
  }
}
