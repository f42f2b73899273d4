package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Keeps vast.ai labels in step with health: a backend that becomes HEALTHY gets our label; one that
 * turns UNHEALTHY or is removed loses it, but only if it is still ours (a label the user set since
 * stays). Calls go one at a time on a worker and never block routing; failures are logged.
 */
public final class LabelService implements FleetListener {
  private static final System.Logger LOG = System.getLogger(LabelService.class.getName());

  private final LabelInstancePort labels;
  private final Executor worker;
  private final String label;
  private final Set<InstanceId> ours = ConcurrentHashMap.newKeySet();

  /**
   * @param worker runs the label calls, one at a time
   * @param label the label to set; empty disables labelling
   */
  public LabelService(LabelInstancePort labels, Executor worker, String label) {
    this.labels = labels;
    this.worker = worker;
    this.label = label.strip();
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
      if (instance.label().isPresent() && !instance.label().get().equals(label)) {
        ours.remove(instance.id());
      }
      BackendState was = before.backend(backend.id()).map(Backend::state).orElse(null);
      BackendState now = backend.state();
      if (now == was) {
        continue;
      }
      if (now == BackendState.HEALTHY) {
        worker.execute(() -> set(instance));
      } else if ((now == BackendState.UNHEALTHY || now == BackendState.REMOVING)
          && isOurs(instance)) {
        worker.execute(() -> clear(instance.id()));
      }
    }
  }

  /** Clears every label we set; completes once the worker has done so (for shutdown). */
  public CompletableFuture<Void> clearAll() {
    if (!enabled()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
        () -> {
          for (InstanceId id : List.copyOf(ours)) {
            clear(id);
          }
        },
        worker);
  }

  private boolean isOurs(Instance instance) {
    return ours.contains(instance.id()) || instance.label().equals(Optional.of(label));
  }

  private void set(Instance instance) {
    if (instance.label().equals(Optional.of(label))) {
      ours.add(instance.id());
      return;
    }
    try {
      labels.setLabel(instance.id(), label);
      ours.add(instance.id());
      LOG.log(Level.DEBUG, "labelled {0} {1}", instance.id(), label);
    } catch (VastApiException e) {
      LOG.log(Level.WARNING, "could not label {0}: {1}", instance.id(), e.getMessage());
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
