package dev.vastproxy.simulator.engine;

/** A generation request the engine answers with an error instead of tokens. */
final class RequestRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  RequestRefused(int status, String message, String type) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
