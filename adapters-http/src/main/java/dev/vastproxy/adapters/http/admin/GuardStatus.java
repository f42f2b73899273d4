package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.application.port.in.IdleCountdown;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.fleet.InstanceAlert;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the money guards say of one instance in the status JSON.
 *
 * @param selected whether {@code VASTPROXY_SELECT} matches it
 * @param served whether it served a model since the proxy started
 * @param actionable whether destroy-all and the idle guard may touch it
 * @param notRoutable why it takes no requests, or null when it does
 * @param idleSeconds whole seconds without a request, or null when not counted
 * @param idleAction what happens when the idle time is up ({@code none}, {@code stop}, {@code
 *     destroy}), or null when not counted
 * @param idleActionAt when that happens, ISO-8601, or null
 * @param idleSecondsLeft whole seconds until then, or null (also with action {@code none})
 * @param stoppedByProxyAt when the proxy stopped it, while it stays stopped, or null
 * @param waking whether the proxy asked vast.ai to start it again lately
 * @param alerts what its owner should know
 * @param endDate when its contract ends, ISO-8601, or null
 */
public record GuardStatus(
    boolean selected,
    boolean served,
    boolean actionable,
    String notRoutable,
    Long idleSeconds,
    String idleAction,
    String idleActionAt,
    Long idleSecondsLeft,
    String stoppedByProxyAt,
    boolean waking,
    List<AlertStatus> alerts,
    String endDate) {

  public GuardStatus {
    alerts = List.copyOf(alerts);
  }

  /**
   * One alert.
   *
   * @param code snake_case, e.g. {@code expiring}
   * @param text for people
   */
  public record AlertStatus(String code, String text) {
    static AlertStatus of(InstanceAlert alert) {
      return new AlertStatus(alert.label(), alert.text());
    }
  }

  /** The status of a guard entry at {@code now}. */
  public static GuardStatus of(InstanceGuard guard, Instant now) {
    Optional<IdleCountdown> idle = guard.idle();
    boolean acts = idle.map(c -> c.action() != IdleAction.NONE).orElse(false);
    return new GuardStatus(
        guard.selected(),
        guard.served(),
        guard.actionable(),
        guard.whyNotRoutable().orElse(null),
        idle.map(c -> c.idleFor(now).toSeconds()).orElse(null),
        idle.map(c -> c.action().text()).orElse(null),
        acts ? idle.get().due().toString() : null,
        acts ? idle.get().remaining(now).toSeconds() : null,
        guard.stoppedByProxy().map(Instant::toString).orElse(null),
        guard.waking(),
        guard.alerts().stream().sorted().map(AlertStatus::of).toList(),
        guard.instance().rental().endDate().map(Instant::toString).orElse(null));
  }
}
