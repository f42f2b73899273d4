package dev.vastproxy.domain.instance;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Docker's port map of an instance: container TCP port to the host ports it is published on.
 *
 * <p>Built from vast.ai's {@code ports} object, which may be null or absent, whose keys look like
 * {@code "8000/tcp"}, whose {@code HostPort} values are strings, and which may list several
 * bindings (IPv4 and IPv6) or none for a port.
 */
public final class PortMappings {
  private static final PortMappings EMPTY = new PortMappings(Map.of());
  private final Map<Integer, List<Integer>> hostPortsByContainerPort;

  private PortMappings(Map<Integer, List<Integer>> hostPortsByContainerPort) {
    this.hostPortsByContainerPort = hostPortsByContainerPort;
  }

  /** No published ports. */
  public static PortMappings empty() {
    return EMPTY;
  }

  /**
   * Reads the wire form: keys {@code "<port>/<proto>"} (or a bare port, taken as TCP) mapped to the
   * {@code HostPort} texts of their bindings. Null maps, null lists, null or malformed entries and
   * non-TCP protocols are skipped.
   */
  public static PortMappings fromWire(Map<String, ? extends List<String>> raw) {
    if (raw == null || raw.isEmpty()) {
      return EMPTY;
    }
    Map<Integer, List<Integer>> parsed = new TreeMap<>();
    raw.forEach(
        (key, hostPorts) -> {
          OptionalInt containerPort = tcpContainerPort(key);
          if (containerPort.isEmpty() || hostPorts == null) {
            return;
          }
          List<Integer> valid =
              hostPorts.stream()
                  .map(PortNumber::parse)
                  .filter(OptionalInt::isPresent)
                  .map(OptionalInt::getAsInt)
                  .toList();
          if (!valid.isEmpty()) {
            parsed.put(containerPort.getAsInt(), valid);
          }
        });
    return parsed.isEmpty() ? EMPTY : new PortMappings(Collections.unmodifiableMap(parsed));
  }

  /** The first host port a container TCP port is published on. */
  public OptionalInt hostPort(int containerPort) {
    List<Integer> hostPorts = hostPortsByContainerPort.get(containerPort);
    return hostPorts == null ? OptionalInt.empty() : OptionalInt.of(hostPorts.get(0));
  }

  /** Whether no port is published. */
  public boolean isEmpty() {
    return hostPortsByContainerPort.isEmpty();
  }

  private static OptionalInt tcpContainerPort(String key) {
    if (key == null) {
      return OptionalInt.empty();
    }
    String normalized = key.strip().toLowerCase(Locale.ROOT);
    int slash = normalized.indexOf('/');
    if (slash >= 0) {
      if (!normalized.substring(slash + 1).equals("tcp")) {
        return OptionalInt.empty();
      }
      normalized = normalized.substring(0, slash);
    }
    return PortNumber.parse(normalized);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PortMappings mappings
        && hostPortsByContainerPort.equals(mappings.hostPortsByContainerPort);
  }

  @Override
  public int hashCode() {
    return hostPortsByContainerPort.hashCode();
  }

  @Override
  public String toString() {
    return "PortMappings" + hostPortsByContainerPort;
  }
}
