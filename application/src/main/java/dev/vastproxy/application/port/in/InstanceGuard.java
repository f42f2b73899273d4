package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.fleet.InstanceAlert;
import dev.vastproxy.domain.instance.Instance;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the money guards know of one instance: whether it is enrolled and may be touched, why it
 * takes no requests, its idle countdown, the proxy's stop of it, and its alerts.
 *
 * @param instance the instance as last listed (or as enrolled)
 * @param selected whether {@code VASTPROXY_SELECT} matches it
 * @param served whether it was healthy at least once since the proxy started
 * @param whyNotRoutable why it takes no requests now; empty when it does
 * @param idle its idle countdown, while it serves (or served) and counts
 * @param stoppedByProxy when the proxy stopped it, while it stays stopped
 * @param waking whether the proxy asked vast.ai to start it again lately
 * @param alerts what its owner should know
 */
public record InstanceGuard(
    Instance instance,
    boolean selected,
    boolean served,
    Optional<String> whyNotRoutable,
    Optional<IdleCountdown> idle,
    Optional<Instant> stoppedByProxy,
    boolean waking,
    Set<InstanceAlert> alerts) {

  public InstanceGuard {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(whyNotRoutable, "whyNotRoutable");
    Objects.requireNonNull(idle, "idle");
    Objects.requireNonNull(stoppedByProxy, "stoppedByProxy");
    alerts = Set.copyOf(alerts);
  }

  /** Whether destroy-all and the idle guard may touch it: selected, and it served a model. */
  public boolean actionable() {
    return selected && served;
  }
}
