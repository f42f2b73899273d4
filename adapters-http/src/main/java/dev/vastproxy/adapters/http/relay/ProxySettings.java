package dev.vastproxy.adapters.http.relay;

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
 * @param retriesBeforeFirstByte how many times a request whose engine failed before answering (502,
 *     503, 429, or its connection lost) is sent to another engine
 * @param resumesPerRequest how many times a broken stream is continued on another engine (zero:
 *     never)
 */
public record ProxySettings(
    int modelPeekLimit,
    long peekMemoryLimit,
    Duration connectTimeout,
    Duration idleTimeout,
    int maxBackendsPerRequest,
    int retriesBeforeFirstByte,
    int resumesPerRequest) {

  private static final long DEFAULT_PEEK_MEMORY = 256L * 1024 * 1024;
  private static final int DEFAULT_RETRIES = 2;
  private static final int DEFAULT_RESUMES = 2;

  /**
   * The defaults: 32 MiB peek, 256 MiB for all peeked bodies, 5 s connect, 10 min idle, 3 backends
   * on connect failures, 2 retries before the first byte, 2 resumes.
   */
  public static final ProxySettings DEFAULTS =
      new ProxySettings(
          32 * 1024 * 1024,
          DEFAULT_PEEK_MEMORY,
          Duration.ofSeconds(5),
          Duration.ofMinutes(10),
          3,
          DEFAULT_RETRIES,
          DEFAULT_RESUMES);

  public ProxySettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (modelPeekLimit < 0 || peekMemoryLimit < 0 || maxBackendsPerRequest < 1) {
      throw new IllegalArgumentException("peek limits must be >= 0 and backends per request >= 1");
    }
    if (retriesBeforeFirstByte < 0 || resumesPerRequest < 0) {
      throw new IllegalArgumentException("retries and resumes must be >= 0");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** The defaults' memory limit, retries and resumes with the other settings given. */
  public ProxySettings(
      int modelPeekLimit,
      Duration connectTimeout,
      Duration idleTimeout,
      int maxBackendsPerRequest) {
    this(
        modelPeekLimit,
        DEFAULT_PEEK_MEMORY,
        connectTimeout,
        idleTimeout,
        maxBackendsPerRequest,
        DEFAULT_RETRIES,
        DEFAULT_RESUMES);
  }

  /** These settings with another peek memory limit. */
  public ProxySettings withPeekMemoryLimit(long bytes) {
    return new ProxySettings(
        modelPeekLimit,
        bytes,
        connectTimeout,
        idleTimeout,
        maxBackendsPerRequest,
        retriesBeforeFirstByte,
        resumesPerRequest);
  }

  /** These settings with other retry and resume bounds. */
  public ProxySettings withRetries(int retries, int resumes) {
    return new ProxySettings(
        modelPeekLimit,
        peekMemoryLimit,
        connectTimeout,
        idleTimeout,
        maxBackendsPerRequest,
        retries,
        resumes);
  }
}
