package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.instance.InstanceId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The money guards' view of the account: one entry per enrolled backend, and the instances the
 * account lists that are not enrolled (not selected, not running, stopped by the proxy).
 *
 * @param enrolled by the id of an enrolled backend
 * @param others the listed instances that are not enrolled, by id
 * @param idleAction what the idle guard does with an idle instance
 */
public record GuardView(
    Map<InstanceId, InstanceGuard> enrolled, List<InstanceGuard> others, IdleAction idleAction) {
  private static final GuardView EMPTY = new GuardView(Map.of(), List.of(), IdleAction.NONE);

  public GuardView {
    enrolled = Map.copyOf(enrolled);
    others = List.copyOf(others);
    Objects.requireNonNull(idleAction, "idleAction");
  }

  /** Nothing known (no guard wired). */
  public static GuardView empty() {
    return EMPTY;
  }

  /** The guard's entry for an enrolled backend. */
  public Optional<InstanceGuard> of(InstanceId id) {
    return Optional.ofNullable(enrolled.get(id));
  }
}
