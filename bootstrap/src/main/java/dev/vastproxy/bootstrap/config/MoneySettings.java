package dev.vastproxy.bootstrap.config;

import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.domain.instance.InstanceSelection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which instances the proxy enrols and what it does with idle ones.
 *
 * @param selection the instances enrolled ({@code VASTPROXY_SELECT})
 * @param idleAction what happens to an instance idle for {@code idleAfter}
 * @param idleAfter how long without a request makes an instance idle
 */
public record MoneySettings(
    InstanceSelection selection, IdleAction idleAction, Duration idleAfter) {
  /** The shortest idle time accepted (tests and demos use seconds; fleets use minutes). */
  static final Duration MIN_IDLE_AFTER = Duration.ofSeconds(1);

  /** The longest idle time accepted. */
  static final Duration MAX_IDLE_AFTER = Duration.ofDays(30);

  /** What the demo uses when the user set neither idle setting: the countdown shows, and acts. */
  static final Duration DEMO_IDLE_AFTER = Duration.ofMinutes(2);

  public MoneySettings {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(idleAction, "idleAction");
    Objects.requireNonNull(idleAfter, "idleAfter");
  }

  /** Every instance, no idle action, 30 minutes: the defaults. */
  public static MoneySettings defaults() {
    return new MoneySettings(InstanceSelection.all(), IdleAction.NONE, Duration.ofMinutes(30));
  }

  /**
   * Validates the three settings.
   *
   * @param ownLabel the label this proxy writes, which a selection must not name
   * @param demoDefaults whether the demo's idle defaults apply (demo mode, idle settings not set)
   * @throws ConfigException with one line naming the setting and the fix
   */
  static MoneySettings parse(
      String select, String action, String after, Optional<String> ownLabel, boolean demoDefaults)
      throws ConfigException {
    InstanceSelection selection;
    try {
      selection = InstanceSelection.parse(select);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "VASTPROXY_SELECT=" + select + " is not a selection: " + e.getMessage());
    }
    if (ownLabel.isPresent() && selection.labels().contains(ownLabel.get())) {
      throw new ConfigException(
          "VASTPROXY_SELECT selects label:"
              + ownLabel.get()
              + ", the label this proxy writes on healthy instances (VASTPROXY_LABEL): select by"
              + " a label you set yourself, or by image or id");
    }
    Optional<IdleAction> idle = IdleAction.named(action);
    if (idle.isEmpty()) {
      throw new ConfigException(
          "VASTPROXY_IDLE_ACTION=" + action + " is not an action: use none, stop or destroy");
    }
    Duration idleAfter;
    try {
      idleAfter = DurationSetting.parse(after);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "VASTPROXY_IDLE_AFTER=" + after + " is not a duration: use e.g. 30m, 2h or 90s");
    }
    if (idleAfter.compareTo(MIN_IDLE_AFTER) < 0 || idleAfter.compareTo(MAX_IDLE_AFTER) > 0) {
      throw new ConfigException(
          "VASTPROXY_IDLE_AFTER=" + after + " is out of range: use 1s to 30 days (e.g. 30m)");
    }
    if (demoDefaults) {
      return new MoneySettings(selection, IdleAction.STOP, DEMO_IDLE_AFTER);
    }
    return new MoneySettings(selection, idle.get(), idleAfter);
  }
}
