package dev.vastproxy.adapters.http.front;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests in flight so that a stop can wait for them, and while the replica drains
 * closes each connection after its answer ({@code Connection: close}), so that balancers and
 * clients holding idle keep-alive connections open new ones, to another replica. Unlike Undertow's
 * {@code GracefulShutdownHandler} it never refuses a request: one that arrives on an open
 * connection while draining is served, and {@code /healthz} stays 200 to the end.
 */
public final class DrainHandler implements HttpHandler {
  private final HttpHandler next;
  private final ReplicaState replica;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();

  /** Wraps the front door. */
  public DrainHandler(HttpHandler next, ReplicaState replica) {
    this.next = Objects.requireNonNull(next, "next");
    this.replica = Objects.requireNonNull(replica, "replica");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (replica.draining()) {
      exchange.setPersistent(false);
    }
    inFlight.incrementAndGet();
    exchange.addExchangeCompleteListener(
        (done, nextListener) -> {
          if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
              idle.notifyAll();
            }
          }
          nextListener.proceed();
        });
    next.handleRequest(exchange);
  }

  /** Requests being served now. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Waits until no request is in flight.
   *
   * @return false when some were still in flight after {@code timeout}
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }
}
