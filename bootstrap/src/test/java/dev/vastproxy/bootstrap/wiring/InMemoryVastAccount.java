package dev.vastproxy.bootstrap.wiring;

import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.application.port.out.StartInstancePort;
import dev.vastproxy.application.port.out.StopInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.StopMark;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A vast.ai account kept in memory, standing in for the vast.ai adapter in wiring tests. */
final class InMemoryVastAccount
    implements ListInstancesPort,
        LabelInstancePort,
        MarkStoppedPort,
        DestroyInstancePort,
        StopInstancePort,
        StartInstancePort {
  private final Map<InstanceId, Instance> instances = new ConcurrentHashMap<>();
  private final List<String> labelCalls = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  void put(Instance instance) {
    instances.put(instance.id(), instance);
  }

  /** From now on, listings fail as an API that does not answer. */
  void failListings() {
    failing = true;
  }

  List<String> labelCalls() {
    return List.copyOf(labelCalls);
  }

  @Override
  public InstanceListing listInstances() throws VastApiException {
    if (failing) {
      throw new VastApiException(VastApiException.Kind.UNAVAILABLE, "the account is failing");
    }
    return new InstanceListing(List.copyOf(instances.values()), List.of());
  }

  @Override
  public Duration answerTimeout() {
    return Duration.ofSeconds(30);
  }

  /** Records the call and, like vast.ai, shows the label in later listings. */
  @Override
  public void setLabel(InstanceId id, String label) {
    labelCalls.add(id + "=" + label);
    instances.computeIfPresent(id, (key, i) -> relabelled(i, label));
  }

  private static Instance relabelled(Instance i, String label) {
    return i.withLabel(label.isEmpty() ? Optional.empty() : Optional.of(label), Optional.empty());
  }

  /** Like vast.ai, shows the label and the mark in later listings. */
  @Override
  public void markStopped(InstanceId id, Optional<String> label, Optional<StopMark> mark) {
    instances.computeIfPresent(id, (key, i) -> i.withLabel(label, mark));
  }

  /** Like vast.ai, lists the instance as stopped from now on. */
  @Override
  public void stop(InstanceId id) {
    instances.computeIfPresent(id, (key, i) -> i.withStatus("stopped", "stopped"));
  }

  /** Like vast.ai after a boot, lists the instance as running from now on. */
  @Override
  public void start(InstanceId id) {
    instances.computeIfPresent(id, (key, i) -> i.withStatus("running", "running"));
  }

  @Override
  public DestroyOutcome destroy(InstanceId id) {
    return instances.remove(id) == null ? DestroyOutcome.ALREADY_GONE : DestroyOutcome.DESTROYED;
  }
}
