package dev.vastproxy.adapters.ssh;

/** A private key file that cannot be used, with a reason fit for a log line. */
final class UnusableKeyException extends Exception {
  private static final long serialVersionUID = 1L;

  UnusableKeyException(String reason) {
    super(reason);
  }
}
