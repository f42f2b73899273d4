package dev.vastproxy.bootstrap.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How this process runs as one of several replicas behind a balancer.
 *
 * @param name names the replica in the status API and the metrics
 * @param drainDelay after a stop signal, how long {@code /readyz} answers 503 while requests are
 *     still served, so that balancers stop sending before the listener closes
 * @param shutdownGrace after the drain delay, how long in-flight requests may run on
 */
public record ReplicaSettings(String name, Duration drainDelay, Duration shutdownGrace) {
  /** A name that reads the same in a log line, a JSON string and a Prometheus label. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public ReplicaSettings {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a replica name: " + name);
    }
    requireNotNegative(drainDelay, "drainDelay");
    requireNotNegative(shutdownGrace, "shutdownGrace");
  }

  private static void requireNotNegative(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(what + " is negative: " + duration);
    }
  }
}
