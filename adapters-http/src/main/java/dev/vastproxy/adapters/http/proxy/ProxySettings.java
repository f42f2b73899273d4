package dev.vastproxy.adapters.http.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the proxy treats requests.
 *
 * @param modelPeekLimit JSON bodies up to this size are read first to find their {@code model}
 * @param peekMemoryLimit bytes that bodies read for their model may hold across all requests; a
 *     body that does not fit is refused with 503
 * @param connectTimeout how long connecting to a backend may take
 * @param idleTimeout how long a backend may stay silent mid-request before it counts as failed
 *     (zero: never)
 * @param maxBackendsPerRequest how many backends a request may try when connects fail
 */
public record ProxySettings(
    int modelPeekLimit,
    long peekMemoryLimit,
    Duration connectTimeout,
    Duration idleTimeout,
    int maxBackendsPerRequest) {

  private static final long DEFAULTS_PEEK_MEMORY = 256L * 1024 * 1024;

  /** The defaults: 32 MiB peek, 256 MiB for all peeked bodies, 5 s connect, 10 min idle, 3. */
  public static final ProxySettings DEFAULTS =
      new ProxySettings(
          32 * 1024 * 1024, DEFAULTS_PEEK_MEMORY, Duration.ofSeconds(5), Duration.ofMinutes(10), 3);

  public ProxySettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (modelPeekLimit < 0 || peekMemoryLimit < 0 || maxBackendsPerRequest < 1) {
      throw new IllegalArgumentException("peek limits must be >= 0 and backends per request >= 1");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** The defaults' peek memory limit with the other settings given. */
  public ProxySettings(
      int modelPeekLimit,
      Duration connectTimeout,
      Duration idleTimeout,
      int maxBackendsPerRequest) {
    this(modelPeekLimit, DEFAULTS_PEEK_MEMORY, connectTimeout, idleTimeout, maxBackendsPerRequest);
  }

  /** These settings with another peek memory limit. */
  public ProxySettings withPeekMemoryLimit(long bytes) {
    return new ProxySettings(
        modelPeekLimit, bytes, connectTimeout, idleTimeout, maxBackendsPerRequest);
  }
}
