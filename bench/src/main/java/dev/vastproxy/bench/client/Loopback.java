package dev.vastproxy.bench.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Refuses every host but loopback, so the load tools can never reach a real server. */
public final class Loopback {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Loopback() {}

  /**
   * The socket address of a loopback host: {@code localhost} or a loopback IP literal. Names are
   * never looked up.
   *
   * @throws IllegalArgumentException for any other host
   */
  public static InetSocketAddress address(String host, int port) {
    InetAddress address;
    if ("localhost".equalsIgnoreCase(host)) {
      address = InetAddress.getLoopbackAddress();
    } else if (IPV4.matcher(host).matches() || host.contains(":")) {
      try {
        address = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP address: " + host, e);
      }
    } else {
      throw new IllegalArgumentException("refusing " + host + ": only loopback may be loaded");
    }
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException("refusing " + host + ": only loopback may be loaded");
    }
    return new InetSocketAddress(address, port);
  }

  /** {@code 127.0.0.1} on a port. */
  public static InetSocketAddress port(int port) {
    return address("127.0.0.1", port);
  }
}
