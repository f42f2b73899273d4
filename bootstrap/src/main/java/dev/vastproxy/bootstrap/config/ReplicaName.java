package dev.vastproxy.bootstrap.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds this replica's name: the setting, else the host name (a pod's name in Kubernetes). */
final class ReplicaName {
  /** When the host has no usable name. */
  static final String FALLBACK = "vastproxy";

  private ReplicaName() {}

  /**
   * The name to use.
   *
   * @param setting {@code VASTPROXY_REPLICA}, empty when unset
   * @param environment for {@code HOSTNAME}, which shells and Kubernetes set
   * @throws ConfigException when the setting is not a usable name
   */
  static String resolve(String setting, Map<String, String> environment) throws ConfigException {
    if (!setting.isEmpty()) {
      if (!ReplicaSettings.NAME.matcher(setting).matches()) {
        throw new ConfigException(
            "VASTPROXY_REPLICA="
                + setting
                + " is not a replica name: use up to 128 letters, digits, '.', '_', ':' or '-',"
                + " starting with a letter or digit");
      }
      return setting;
    }
    return usable(environment.getOrDefault("HOSTNAME", "")).orElseGet(ReplicaName::hostName);
  }

  private static String hostName() {
    try {
      return usable(InetAddress.getLocalHost().getHostName()).orElse(FALLBACK);
    } catch (UnknownHostException e) {
      return FALLBACK;
    }
  }

  /** A host name as a replica name, in lower case, when it is one. */
  static Optional<String> usable(String host) {
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (ReplicaSettings.NAME.matcher(name).matches()) {
      return Optional.of(name);
    }
    return Optional.empty();
  }
}
