package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.xnio.XnioIoThread;

/**
 * The continuable streams relayed from each instance, so that when an instance leaves the fleet
 * (vast.ai no longer lists it as running: stopped, outbid, destroyed) its streams move to another
 * engine at once instead of waiting for the connection to break or the silence timeout. The fleet
 * thread only reads this map and queues a task on each stream's IO thread, where the stream alone
 * is touched; the IO threads only add and remove themselves, never waiting for the fleet.
 */
public final class StreamsOnInstances implements FleetListener {
  private final ConcurrentHashMap<InstanceId, Set<Place>> byInstance = new ConcurrentHashMap<>();

  /**
   * The place of one stream, relayed from no instance yet.
   *
   * @param thread the stream's IO thread
   * @param left told, on that thread, that the stream's instance left, and why
   */
  Place place(XnioIoThread thread, BiConsumer<InstanceId, String> left) {
    return new Place(thread, left);
  }

  /** Which instance one stream is relayed from; used on the stream's IO thread only. */
  final class Place {
    private final XnioIoThread thread;
    private final BiConsumer<InstanceId, String> left;
    private InstanceId instance;

    private Place(XnioIoThread thread, BiConsumer<InstanceId, String> left) {
      this.thread = thread;
      this.left = left;
    }

    /** The stream is relayed from {@code next} from now on ({@code null}: from none). */
    void moveTo(InstanceId next) {
      if (instance != null) {
        byInstance.computeIfPresent(
            instance,
            (id, places) -> {
              places.remove(this);
              return places.isEmpty() ? null : places;
            });
      }
      instance = next;
      if (next != null) {
        byInstance.compute(
            next,
            (id, places) -> {
              Set<Place> set = places == null ? ConcurrentHashMap.newKeySet() : places;
              set.add(this);
              return set;
            });
      }
    }
  }

  /** How many continuable streams are relayed from {@code instance} now. */
  public int count(InstanceId instance) {
    Set<Place> places = byInstance.get(instance);
    return places == null ? 0 : places.size();
  }

  @Override
  public void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    if (byInstance.isEmpty()) {
      return;
    }
    for (Backend was : before.backends()) {
      if (was.state() == BackendState.REMOVING) {
        continue;
      }
      Optional<Backend> now = after.backend(was.id());
      if (now.isEmpty()) {
        left(was.id(), "it left the fleet");
      } else if (now.get().state() == BackendState.REMOVING) {
        left(was.id(), now.get().reason().describe());
      }
    }
  }

  private void left(InstanceId instance, String reason) {
    Set<Place> places = byInstance.get(instance);
    if (places == null) {
      return;
    }
    for (Place place : places) {
      place.thread.execute(() -> place.left.accept(instance, reason));
    }
  }
}
