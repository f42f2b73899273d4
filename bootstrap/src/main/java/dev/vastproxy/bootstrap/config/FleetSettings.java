package dev.vastproxy.bootstrap.config;

import dev.vastproxy.domain.endpoint.Transport;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the fleet loops run: discovery, health checks, load readings, labels, and how backends are
 * reached.
 *
 * @param label the label for healthy instances; empty disables labelling
 * @param pollInterval the discovery period
 * @param healthInterval the health and GPU probe period
 * @param loadInterval how often each healthy engine's load is read
 * @param transport how backends are reached
 */
public record FleetSettings(
    Optional<String> label,
    Duration pollInterval,
    Duration healthInterval,
    Duration loadInterval,
    Transport transport) {
  /** vast.ai's label length limit. */
  static final int MAX_LABEL_LENGTH = 1024;

  public FleetSettings {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(healthInterval, "healthInterval");
    Objects.requireNonNull(loadInterval, "loadInterval");
    Objects.requireNonNull(transport, "transport");
  }

  /** Reads the fleet loops' settings. */
  static FleetSettings read(SettingValues values) throws ConfigException {
    return new FleetSettings(
        label(values.text(Setting.LABEL)),
        values.interval(Setting.POLL_INTERVAL, Duration.ofSeconds(1)),
        values.interval(Setting.HEALTH_INTERVAL, Duration.ofMillis(100)),
        values.interval(Setting.LOAD_INTERVAL, Duration.ofMillis(100)),
        transport(values.text(Setting.TRANSPORT)));
  }

  private static Optional<String> label(String text) throws ConfigException {
    if (text.isEmpty() || text.equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    if (text.length() > MAX_LABEL_LENGTH) {
      throw new ConfigException(
          "VASTPROXY_LABEL is "
              + text.length()
              + " characters long: vast.ai accepts at most 1024 (or use none to disable labels)");
    }
    return Optional.of(text);
  }

  private static Transport transport(String text) throws ConfigException {
    for (Transport transport : Transport.values()) {
      if (transport.text().equals(text)) {
        return transport;
      }
    }
    throw new ConfigException(
        "VASTPROXY_TRANSPORT=" + text + " is not a transport: use direct or ssh-tunnel");
  }
}
