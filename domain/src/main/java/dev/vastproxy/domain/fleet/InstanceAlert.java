package dev.vastproxy.domain.fleet;

import dev.vastproxy.domain.instance.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Something about an instance its owner should know: it stopped without us, broke, or expires. */
public enum InstanceAlert {
  /** It ran, and now is stopped, and not by this proxy: its owner stopped it, or it was outbid. */
  STOPPED("stopped without the proxy (by its owner, or outbid)"),
  /** Its container exited unexpectedly; vast.ai says it will not reach running again. */
  EXITED("container exited"),
  /** Its host is disconnected. */
  OFFLINE("host offline"),
  /** Its host sent no recent heartbeat, or vast.ai reports an error. */
  UNKNOWN("state unknown (no heartbeat from the host)"),
  /** Its contract ends within {@link #EXPIRY_WARNING}. */
  EXPIRING("contract ends within 24 h");

  /** How long before a contract's end it is flagged. */
  public static final Duration EXPIRY_WARNING = Duration.ofHours(24);

  private final String text;

  InstanceAlert(String text) {
    this.text = text;
  }

  /** A few words for people. */
  public String text() {
    return text;
  }

  /** The snake_case form, for JSON and metric labels. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The alerts of an instance as listed now.
   *
   * @param seenRunning whether the proxy saw it running since it started (a stop before then is old
   *     news)
   * @param stoppedByProxy whether this proxy stopped it (then a stop is expected)
   */
  public static Set<InstanceAlert> of(
      Instance instance, Instant now, boolean seenRunning, boolean stoppedByProxy) {
    Set<InstanceAlert> alerts = EnumSet.noneOf(InstanceAlert.class);
    String actual = instance.actualStatus();
    switch (actual) {
      case "exited" -> alerts.add(EXITED);
      case "offline" -> alerts.add(OFFLINE);
      case "unknown", "error" -> alerts.add(UNKNOWN);
      default -> {}
    }
    boolean stopped =
        actual.equals("stopped")
            || instance.rental().intendedStatus().equals("stopped")
            || instance.rental().curState().equals("stopped");
    if (stopped && seenRunning && !stoppedByProxy) {
      alerts.add(STOPPED);
    }
    if (!stopped
        && instance
            .rental()
            .endDate()
            .filter(end -> end.isBefore(now.plus(EXPIRY_WARNING)))
            .isPresent()) {
      alerts.add(EXPIRING);
    }
    return alerts;
  }
}
