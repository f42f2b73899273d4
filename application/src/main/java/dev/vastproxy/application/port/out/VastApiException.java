package dev.vastproxy.application.port.out;

import java.util.Objects;

/** A vast.ai API call failed; the message is safe to log and show (it holds no secret). */
public final class VastApiException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure it was, which decides what to do about it. */
  public enum Kind {
    /** The API key is invalid, revoked or lacks a scope ({@code auth_error}). */
    AUTHENTICATION,
    /** Too many requests (HTTP 429). */
    RATE_LIMITED,
    /** The API could not be reached or failed (timeouts, connection errors, HTTP 5xx). */
    UNAVAILABLE,
    /** The API answered with something we cannot read. */
    MALFORMED,
    /** The API refused the request ({@code success: false}, other 4xx). */
    REJECTED
  }

  private final Kind kind;

  public VastApiException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public VastApiException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** What kind of failure it was. */
  public Kind kind() {
    return kind;
  }
}
