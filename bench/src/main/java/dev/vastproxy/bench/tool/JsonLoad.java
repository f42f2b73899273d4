package dev.vastproxy.bench.tool;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A non-streamed JSON load: the same POST again and again.
 *
 * @param target where to send it (loopback only)
 * @param path path and query
 * @param body the request body
 * @param contentType its Content-Type
 * @param bearer the bearer token sent
 * @param connections concurrent connections (wrk) or workers (hey)
 * @param duration how long to send
 */
public record JsonLoad(
    InetSocketAddress target,
    String path,
    byte[] body,
    String contentType,
    String bearer,
    int connections,
    Duration duration) {
  public JsonLoad {
    Objects.requireNonNull(target, "target");
    if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("refusing " + target + ": only loopback may be loaded");
    }
    body = body.clone();
  }

  /** {@code http://127.0.0.1:port/path}. */
  public String url() {
    return "http://" + target.getAddress().getHostAddress() + ":" + target.getPort() + path;
  }

  /** The same load against another address. */
  public JsonLoad at(InetSocketAddress other) {
    return new JsonLoad(other, path, body, contentType, bearer, connections, duration);
  }

  /** The same load with another Content-Type. */
  public JsonLoad withContentType(String type) {
    return new JsonLoad(target, path, body, type, bearer, connections, duration);
  }

  /** The same load for another duration. */
  public JsonLoad lasting(Duration other) {
    return new JsonLoad(target, path, body, contentType, bearer, connections, other);
  }
}
