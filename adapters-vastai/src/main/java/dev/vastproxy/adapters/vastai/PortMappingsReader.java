package dev.vastproxy.adapters.vastai;

import dev.vastproxy.domain.instance.PortMappings;
import dev.vastproxy.domain.instance.PortNumber;
import dev.vastproxy.openapi.model.PortBinding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Reads vast.ai's {@code ports} object, which may be null or absent, whose keys look like {@code
 * "8000/tcp"} (a bare port is taken as TCP), whose {@code HostPort} values are strings, and which
 * may list several bindings (IPv4 and IPv6) or none for a port. Null or malformed entries, numbers
 * that are no port, and non-TCP protocols are skipped.
 */
final class PortMappingsReader {
  private PortMappingsReader() {}

  /** The published TCP ports of a row. */
  static PortMappings read(Map<String, List<PortBinding>> raw) {
    if (raw == null || raw.isEmpty()) {
      return PortMappings.empty();
    }
    Map<Integer, List<Integer>> parsed = new TreeMap<>();
    raw.forEach(
        (key, bindings) -> {
          OptionalInt containerPort = tcpContainerPort(key);
          if (containerPort.isEmpty() || bindings == null) {
            return;
          }
          List<Integer> valid =
              bindings.stream()
                  .filter(Objects::nonNull)
                  .map(binding -> PortNumber.parse(binding.getHostPort()))
                  .filter(OptionalInt::isPresent)
                  .map(OptionalInt::getAsInt)
                  .toList();
          if (!valid.isEmpty()) {
            parsed.put(containerPort.getAsInt(), valid);
          }
        });
    return PortMappings.of(parsed);
  }

  /** A port from a possibly absent number; a number that is no whole port gives empty. */
  static OptionalInt port(Number number) {
    if (number == null) {
      return OptionalInt.empty();
    }
    double value = number.doubleValue();
    long whole = number.longValue();
    return value == whole && PortNumber.isValid(whole)
        ? OptionalInt.of((int) whole)
        : OptionalInt.empty();
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
}
