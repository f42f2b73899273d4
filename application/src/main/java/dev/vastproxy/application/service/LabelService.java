package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * Keeps vast.ai labels in step with health, level-triggered so that any number of replicas can
 * share a fleet. A backend that becomes HEALTHY gets our label at once; after every listing, each
 * HEALTHY backend whose label reads empty gets it again (another replica that stopped may have
 * cleared it). A backend that turns UNHEALTHY or is removed loses the label, and so does every
 * backend when this replica stops, but only while it is ours: a label the user set is never written
 * over or cleared. An instance a proxy stopped (this replica's idle guard, or any replica's, as the
 * label's stop mark says) keeps its label: the mark is in it ({@link StopMarkService}). Calls go
 * one at a time on a worker and never block routing; failures are logged and the next listing tries
 * again.
 */
public final class LabelService implements FleetListener, ListingListener {
  private static final System.Logger LOG = System.getLogger(LabelService.class.getName());

  /** Marks a write that is queued or under way: newer than any listing. */
  private static final Instant PENDING = Instant.MAX;

  private final LabelInstancePort labels;
  private final Executor worker;
  private final String label;
  private final Clock clock;
  private final Predicate<InstanceId> stoppedByProxy;
  private final Set<InstanceId> ours = ConcurrentHashMap.newKeySet();
  // When our label was last written per instance: a listing asked for before then may not show it.
  private final Map<InstanceId, Instant> written = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  /**
   * @param worker runs the label calls, one at a time
   * @param label the label to set; empty disables labelling
   * @param clock stamps the writes, to compare them with the listings' times
   * @param stoppedByProxy whether a proxy (this replica or another) stopped the instance: its label
   *     then holds the stop mark, which clearing would erase
   */
  public LabelService(
      LabelInstancePort labels,
      Executor worker,
      String label,
      Clock clock,
      Predicate<InstanceId> stoppedByProxy) {
    this.labels = labels;
    this.worker = worker;
    this.label = label.strip();
    this.clock = clock;
    this.stoppedByProxy = stoppedByProxy;
  }

  /** Whether labelling is on. */
  public boolean enabled() {
    return !label.isEmpty();
  }

  @Override
  public void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    if (!enabled()) {
      return;
    }
    for (Backend backend : after.backends()) {
      Instance instance = backend.instance();
      if (isForeign(instance)) {
        ours.remove(instance.id());
      }
      BackendState was = before.backend(backend.id()).map(Backend::state).orElse(null);
      BackendState now = backend.state();
      if (now == was) {
        continue;
      }
      if (now == BackendState.HEALTHY) {
        assertLabel(instance);
        continue;
      }
      if (now == BackendState.UNHEALTHY || now == BackendState.REMOVING) {
        written.remove(instance.id());
        if (backend.reason().cause() == StateReason.Cause.IDLE
            || stoppedByProxy.test(instance.id())) {
          // A proxy's stop mark replaces the label: clearing it could erase the mark.
          ours.remove(instance.id());
        } else if (isOurs(instance)) {
          worker.execute(() -> clear(instance.id()));
        }
      }
    }
  }

  /**
   * The level check: every HEALTHY backend whose label reads empty in this listing gets ours again,
   * unless a write of ours is queued or ended after the listing was asked for (the listing may
   * simply not show it yet). Labels that read ours need no call.
   */
  @Override
  public void listed(FleetSnapshot fleet, Instant requested) {
    if (!enabled() || stopping) {
      return;
    }
    for (Backend backend : fleet.backends()) {
      Instance instance = backend.instance();
      if (backend.state() != BackendState.HEALTHY || isForeign(instance)) {
        continue;
      }
      Instant last = written.get(instance.id());
      if (last == null || last.isBefore(requested)) {
        assertLabel(instance);
      }
    }
  }

  /** Clears every label we set; completes once the worker has done so (for shutdown). */
  public CompletableFuture<Void> clearAll() {
    stopping = true;
    if (!enabled()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
        () -> {
          for (InstanceId id : List.copyOf(ours)) {
            if (!stoppedByProxy.test(id)) {
              clear(id);
            }
          }
        },
        worker);
  }

  /** Sets our label unless it already reads ours (no call) or another (never touched). */
  private void assertLabel(Instance instance) {
    if (stopping || isForeign(instance)) {
      return;
    }
    if (instance.label().equals(Optional.of(label))) {
      ours.add(instance.id());
      return;
    }
    written.put(instance.id(), PENDING);
    worker.execute(() -> set(instance.id()));
  }

  private boolean isForeign(Instance instance) {
    return instance.label().isPresent() && !instance.label().get().equals(label);
  }

  private boolean isOurs(Instance instance) {
    return ours.contains(instance.id()) || instance.label().equals(Optional.of(label));
  }

  private void set(InstanceId id) {
    if (stopping) {
      written.remove(id);
      return;
    }
    try {
      labels.setLabel(id, label);
      ours.add(id);
      written.put(id, clock.instant());
      LOG.log(Level.DEBUG, "labelled {0} {1}", id, label);
    } catch (VastApiException e) {
      written.remove(id);
      LOG.log(Level.WARNING, "could not label {0}: {1}", id, e.getMessage());
    }
  }

  private void clear(InstanceId id) {
    try {
      labels.setLabel(id, "");
      ours.remove(id);
      LOG.log(Level.DEBUG, "cleared the label of {0}", id);
    } catch (VastApiException e) {
      LOG.log(Level.WARNING, "could not clear the label of {0}: {1}", id, e.getMessage());
    }
  }
}
