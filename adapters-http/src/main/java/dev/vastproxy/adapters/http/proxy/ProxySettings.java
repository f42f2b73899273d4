package dev.vastproxy.adapters.http.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy treats requests.
 *
 * @param modelPeekLimit JSON bodies up to this size are read first to find their {@code model}
 * @param connectTimeout how long connecting to a backend may take
 * @param idleTimeout how long a backend may stay silent mid-request before it counts as failed
 *     (zero: never)
 * @param maxBackendsPerRequest how many backends a request may try when connects fail
 */
public record ProxySettings(
    int modelPeekLimit, Duration connectTimeout, Duration idleTimeout, int maxBackendsPerRequest) {

  /** The defaults: 32 MiB peek, 5 s connect, 10 min idle, 3 backends. */
  public static final ProxySettings DEFAULTS =
      new ProxySettings(32 * 1024 * 1024, Duration.ofSeconds(5), Duration.ofMinutes(10), 3);

  public ProxySettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (modelPeekLimit < 0 || maxBackendsPerRequest < 1) {
      throw new IllegalArgumentException("peek limit must be >= 0 and backends per request >= 1");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }
}
