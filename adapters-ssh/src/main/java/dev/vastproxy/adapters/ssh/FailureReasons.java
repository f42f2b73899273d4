package dev.vastproxy.adapters.ssh;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/** Turns the exceptions of a failed SSH attempt into short reasons a user can act on. */
final class FailureReasons {
  private FailureReasons() {}

  /** A reason for a failed connect or login. */
  static String describe(Exception failure, Duration timeout, String user) {
    if (timedOut(failure)) {
      return "no answer within " + seconds(timeout);
    }
    if (failure instanceof UserAuthException) {
      return "login as " + user + " refused (public key not accepted)";
    }
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    if (failure instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (failure instanceof UnknownHostException) {
      return "unknown host";
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    if (message.toLowerCase(Locale.ROOT).contains("encountered eof")) {
      return "connection closed by the server";
    }
    return message.strip();
  }

  /** Whether the failure, or one of its causes, is a timeout. */
  static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return true;
      }
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("timeout expired")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Whether a failure while using a session means its connection is gone (as opposed to a refusal
   * of one request on a working connection). SSHJ wakes waiting callers before it marks the
   * transport dead, so the exception is the earliest sign.
   */
  static boolean brokenTransport(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OpenFailException) {
        return false;
      }
      if (t instanceof TransportException
          || t instanceof SocketException
          || t instanceof EOFException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A duration as {@code 10 s} or {@code 500 ms}. */
  static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }
}
