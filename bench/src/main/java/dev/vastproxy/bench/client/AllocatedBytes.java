package dev.vastproxy.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;

/**
 * Reads how much heap a JVM proxy allocated since it started, from its {@code /metrics} ({@code
 * jvm_allocated_bytes_total}, which vastproxy exposes): the difference over a measurement, divided
 * by its requests or events, is the allocation each one costs.
 */
public final class AllocatedBytes {
  private static final String NAME = "jvm_allocated_bytes_total";
  private static final int TIMEOUT_MILLIS = 5_000;

  private AllocatedBytes() {}

  /** The counter's value now; empty when the target does not answer it. */
  public static OptionalDouble read(InetSocketAddress target) {
    if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("refusing " + target + ": only loopback may be loaded");
    }
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create(
                      "http://"
                          + target.getAddress().getHostAddress()
                          + ":"
                          + target.getPort()
                          + "/metrics")
                  .toURL()
                  .openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      try {
        if (connection.getResponseCode() != 200) {
          return OptionalDouble.empty();
        }
        try (InputStream body = connection.getInputStream()) {
          return value(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return OptionalDouble.empty();
    }
  }

  /** The counter's value in a Prometheus text exposition; empty when it holds none. */
  static OptionalDouble value(String exposition) {
    double sum = 0;
    boolean found = false;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(NAME + " ") || line.startsWith(NAME + "{")) {
        String[] parts = line.trim().split("\\s+");
        try {
          sum += Double.parseDouble(parts[parts.length - 1]);
          found = true;
        } catch (NumberFormatException e) {
          return OptionalDouble.empty();
        }
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }
}
