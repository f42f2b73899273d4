package dev.vastproxy.domain.instance;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Docker's port map of an instance: container TCP port to the host ports it is published on.
 *
 * <p>A port may be published on several host ports (IPv4 and IPv6 bindings); the first one counts.
 * The vast.ai adapter reads them from the API's {@code ports} object.
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
   * The given mappings: container TCP port to the host ports it is published on, in order.
   *
   * @throws IllegalArgumentException for a number that is no port, or a port published nowhere
   */
  public static PortMappings of(Map<Integer, List<Integer>> hostPortsByContainerPort) {
    Map<Integer, List<Integer>> checked = new TreeMap<>();
    hostPortsByContainerPort.forEach(
        (containerPort, hostPorts) -> {
          PortNumber.require(containerPort, "container port");
          if (hostPorts.isEmpty()) {
            throw new IllegalArgumentException(
                "container port " + containerPort + " has no host port");
          }
          hostPorts.forEach(hostPort -> PortNumber.require(hostPort, "host port"));
          checked.put(containerPort, List.copyOf(hostPorts));
        });
    return checked.isEmpty() ? EMPTY : new PortMappings(Collections.unmodifiableMap(checked));
  }

  /** These mappings with a container port published on one host port (replacing its others). */
  public PortMappings with(int containerPort, int hostPort) {
    Map<Integer, List<Integer>> changed = new TreeMap<>(hostPortsByContainerPort);
    changed.put(containerPort, List.of(hostPort));
    return of(changed);
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
