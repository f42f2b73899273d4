package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.ImmediatePooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Notices a client that hangs up while the engine is silent (before its first byte), as a real
 * engine does, by probing the connection's socket for end-of-stream at a steady period.
 */
final class DisconnectWatch implements Runnable {
  private final HttpServerExchange exchange;
  private final long periodMillis;
  private volatile boolean stopped;
  private XnioExecutor.Key next;

  private DisconnectWatch(HttpServerExchange exchange, long periodMillis) {
    this.exchange = exchange;
    this.periodMillis = periodMillis;
  }

  /** Starts watching; stop it once the engine writes. */
  static DisconnectWatch start(HttpServerExchange exchange, long periodMillis) {
    DisconnectWatch watch = new DisconnectWatch(exchange, periodMillis);
    watch.schedule();
    return watch;
  }

  void stop() {
    stopped = true;
    if (next != null) {
      next.remove();
    }
  }

  private void schedule() {
    next = exchange.getIoThread().executeAfter(this, periodMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    if (stopped || exchange.isComplete()) {
      return;
    }
    if (!(exchange.getConnection() instanceof HttpServerConnection connection)) {
      return;
    }
    ByteBuffer probe = ByteBuffer.allocate(256);
    try {
      int read = connection.getOriginalSourceConduit().read(probe);
      if (read < 0) {
        IoUtils.safeClose(connection);
        return;
      }
      if (read > 0) {
        probe.flip();
        connection.ungetRequestBytes(new ImmediatePooledByteBuffer(probe));
        return;
      }
    } catch (IOException e) {
      IoUtils.safeClose(connection);
      return;
    }
    schedule();
  }
}
