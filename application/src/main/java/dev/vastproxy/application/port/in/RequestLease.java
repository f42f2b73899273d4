package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.backend.Backend;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request counted in flight on the backend it was routed to, until the lease is released:
 * exactly once, however the request ends (answered, failed, abandoned by the client). Releasing
 * again does nothing.
 */
public final class RequestLease {
  private final Backend backend;
  private final AtomicBoolean released = new AtomicBoolean();

  /** Counts a request in flight on {@code backend}. */
  RequestLease(Backend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    backend.load().begin();
  }

  /** Takes a lease on a backend a request is routed to. */
  public static RequestLease on(Backend backend) {
    return new RequestLease(backend);
  }

  /** The backend leased. */
  public Backend backend() {
    return backend;
  }

  /** The request is no longer with the backend; the first call counts, the rest do nothing. */
  public void release() {
    if (released.compareAndSet(false, true)) {
      backend.load().end();
    }
  }

  /** Whether the lease was released. */
  public boolean released() {
    return released.get();
  }
}
