package dev.vastproxy.bootstrap.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the proxy listens.
 *
 * @param host the interface address or name; {@code 0.0.0.0} for all interfaces
 * @param port the TCP port (0 picks a free one, for tests)
 * @param loopback whether only this machine can connect
 */
public record ListenAddress(String host, int port, boolean loopback) {
  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0-65535");
    }
  }

  /**
   * Reads {@code host:port}, {@code :port} (all interfaces) or {@code [ipv6]:port}.
   *
   * @throws IllegalArgumentException with the reason
   */
  public static ListenAddress parse(String text) {
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("it has no port");
    }
    String host = value.substring(0, colon);
    String portText = value.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + portText + "' is not a port number");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException("write an IPv6 address in brackets, e.g. [::1]:8080");
    }
    if (host.isEmpty() || host.equals("*")) {
      return new ListenAddress("0.0.0.0", port, false);
    }
    try {
      InetAddress address = InetAddress.getByName(host);
      return new ListenAddress(host, port, address.isLoopbackAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("host '" + host + "' is unknown");
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
