package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.StopMark;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Keeps the proxy's stops in the instances' vast.ai labels: the idle guard's stop is marked there
 * (the user's own label kept beside it), so that a restarted proxy or another replica knows which
 * stopped instances it may start again, and for which models; the mark is cleared once the instance
 * runs again, so that a later stop by its owner is never taken for the proxy's.
 */
public final class StopMarkService implements AccountListener {
  private static final System.Logger LOG = System.getLogger(StopMarkService.class.getName());

  private final MarkStoppedPort marks;
  private final Executor worker;
  private final String healthLabel;
  private final Set<InstanceId> clearing = ConcurrentHashMap.newKeySet();

  /**
   * @param worker runs the label calls, one at a time (the label service's worker, so that writes
   *     to one label keep their order)
   * @param healthLabel the label this proxy sets on healthy instances (empty: none); it is not kept
   *     beside a mark, since a stopped instance is not healthy
   */
  public StopMarkService(MarkStoppedPort marks, Executor worker, String healthLabel) {
    this.marks = marks;
    this.worker = worker;
    this.healthLabel = healthLabel.strip();
  }

  /** Marks a stop the proxy made of {@code instance} (as last listed). */
  public void stopped(Instance instance, StopMark mark) {
    Optional<String> label = ownersLabel(instance);
    worker.execute(() -> write(instance.id(), label, Optional.of(mark)));
  }

  /** Clears the mark of each marked instance that runs again since its stop. */
  @Override
  public void accountListed(List<Instance> listed, Instant at) {
    for (Instance instance : listed) {
      Optional<StopMark> mark = instance.stopMark();
      if (mark.isPresent() && mark.get().endedBy(instance, at) && clearing.add(instance.id())) {
        Optional<String> label = ownersLabel(instance);
        worker.execute(
            () -> {
              try {
                write(instance.id(), label, Optional.empty());
              } finally {
                clearing.remove(instance.id());
              }
            });
      }
    }
  }

  private Optional<String> ownersLabel(Instance instance) {
    return instance.label().filter(text -> !text.equals(healthLabel));
  }

  private void write(InstanceId id, Optional<String> label, Optional<StopMark> mark) {
    try {
      marks.markStopped(id, label, mark);
      LOG.log(
          Level.DEBUG,
          mark.isPresent() ? "marked {0} as stopped by the proxy" : "cleared the stop mark of {0}",
          id);
    } catch (VastApiException e) {
      LOG.log(
          Level.WARNING,
          mark.isPresent()
              ? "could not mark {0} as stopped by the proxy in its label: {1}; only this process"
                  + " remembers the stop"
              : "could not clear the stop mark of {0}: {1}; the next listing tries again",
          id,
          e.getMessage());
    }
  }
}
