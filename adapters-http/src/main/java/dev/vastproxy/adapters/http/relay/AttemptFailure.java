package dev.vastproxy.adapters.http.relay;

import java.util.Objects;

/**
 * What had happened when one try of a backend failed: the facts a {@link FailureVerdict} is drawn
 * from.
 *
 * @param cause what failed
 * @param reusedConnection whether the try ran on a connection kept from an earlier request
 * @param requestBytesWritten whether any byte of the request reached the connection
 * @param bodyReplayable whether the request could be sent again from the start
 * @param responseStarted whether the client has received anything of the answer
 * @param reason what happened, for the log
 */
record AttemptFailure(
    Cause cause,
    boolean reusedConnection,
    boolean requestBytesWritten,
    boolean bodyReplayable,
    boolean responseStarted,
    String reason) {

  /** What failed. */
  enum Cause {
    /** No connection could be had: refused, timed out, or its TLS handshake was refused. */
    UNREACHABLE,
    /** The connection failed: reset, closed, or the backend spoke garbage. */
    TRANSPORT,
    /** The backend said nothing for the idle timeout while it was waited for. */
    SILENCE
  }

  AttemptFailure {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(reason, "reason");
  }
}
