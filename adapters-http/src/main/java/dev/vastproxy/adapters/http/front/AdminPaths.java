package dev.vastproxy.adapters.http.front;

/**
 * The proxy's own paths, in one place: the front door hands them to the admin API, and lets the
 * probes among them through without a client key.
 */
public final class AdminPaths {
  /** Alive. */
  public static final String HEALTHZ = "/healthz";

  /** Ready for traffic, or why not. */
  public static final String READYZ = "/readyz";

  /** Prometheus metrics. */
  public static final String METRICS = "/metrics";

  /** The fleet's status. */
  public static final String STATUS = "/vastproxy/status";

  /** Aborts every request in flight. */
  public static final String ABORT_ALL = "/vastproxy/abort-all";

  /** Destroys the fleet's instances, once confirmed. */
  public static final String DESTROY_ALL = "/vastproxy/destroy-all";

  /** Every path under it is the admin API's, so that an unknown one gets the admin API's 404. */
  private static final String PREFIX = "/vastproxy/";

  private AdminPaths() {}

  /** Whether the admin API answers the path. */
  public static boolean owns(String path) {
    return path.startsWith(PREFIX) || path.equals(METRICS) || isProbe(path);
  }

  /**
   * Whether balancers and orchestrators probe the path, open without a key: a Kubernetes probe or
   * an HAProxy check cannot hold a secret, and the answers (alive; ready or why not, and how many
   * backends are healthy) reveal nothing worth one.
   */
  public static boolean isProbe(String path) {
    return path.equals(HEALTHZ) || path.equals(READYZ);
  }
}
