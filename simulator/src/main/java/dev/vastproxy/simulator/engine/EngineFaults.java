package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;

/** The fault a fake engine shows, and what it does to the listener and to each request. */
final class EngineFaults {
  private final EngineListener listener;
  private volatile Fault fault = Fault.NONE;

  EngineFaults(EngineListener listener) {
    this.listener = listener;
  }

  Fault current() {
    return fault;
  }

  /** Shows another fault from now on, stopping or restarting the listener as refusing changes. */
  synchronized void set(Fault newFault) {
    Fault old = this.fault;
    this.fault = newFault;
    if (newFault == Fault.REFUSE_CONNECTIONS && old != Fault.REFUSE_CONNECTIONS) {
      listener.close();
    } else if (old == Fault.REFUSE_CONNECTIONS && newFault != Fault.REFUSE_CONNECTIONS) {
      listener.start();
    }
  }

  /** Presents another certificate: at once, or when connections are accepted again. */
  synchronized void setTlsIdentity(TlsIdentity identity) {
    if (!listener.speaksTls()) {
      throw new IllegalStateException("this engine speaks plain HTTP");
    }
    listener.setTls(identity);
    if (fault != Fault.REFUSE_CONNECTIONS) {
      listener.stop();
      listener.start();
    }
  }

  /** Stops listening for good. */
  synchronized void close() {
    listener.close();
  }

  /**
   * Answers the request as {@code shown} does, if it is one of the faults that answer in place of
   * the routes.
   *
   * @return whether it answered
   */
  boolean answered(HttpServerExchange exchange, Fault shown) {
    switch (shown) {
      case LOADING_PLACEHOLDER:
        Replies.placeholder(exchange);
        return true;
      case HTTP_500:
        Replies.error(exchange, 500, "Internal server error", "InternalServerError");
        return true;
      case REDIRECT_TO_HTTPS:
        Replies.redirectToHttps(exchange, listener.port());
        return true;
      default:
        return false;
    }
  }
}
