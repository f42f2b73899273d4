package dev.vastproxy.application.port.in;

import java.util.Objects;

/**
 * A failure of a backend seen while proxying one request.
 *
 * @param kind whether the backend could not be reached at all, or failed one request
 * @param reason what happened, for the log; never a secret
 */
public record BackendFailure(Kind kind, String reason) {
  /** How telling the failure is of the backend's health. */
  public enum Kind {
    /** It could not be connected to: nothing it serves can work now. */
    UNREACHABLE,
    /**
     * It failed one request after taking it (dropped the connection, went silent): maybe that
     * request's fault, so it counts only together with failures of other requests.
     */
    REQUEST_FAILED
  }

  public BackendFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  /** The backend could not be reached. */
  public static BackendFailure unreachable(String reason) {
    return new BackendFailure(Kind.UNREACHABLE, reason);
  }

  /** The backend failed one request. */
  public static BackendFailure requestFailed(String reason) {
    return new BackendFailure(Kind.REQUEST_FAILED, reason);
  }
}
