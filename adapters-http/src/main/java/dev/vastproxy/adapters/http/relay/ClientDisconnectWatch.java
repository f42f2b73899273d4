package dev.vastproxy.adapters.http.relay;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.util.Optional;
import org.xnio.ChannelListener;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Notices a client hanging up while its request is served, even while the backend is silent
 * (queued, prefill, a non-streamed answer). Undertow stops reading a connection while an exchange
 * runs, so a client's FIN goes unseen until the proxy next writes; this watch listens for it on the
 * connection's socket once the request body has been read, and calls back on end-of-stream. Bytes
 * of a pipelined next request are handed back to Undertow and end the watch.
 *
 * <p>It relies on Undertow's HTTP/1.1 connection internals ({@link
 * HttpServerConnection#getOriginalSourceConduit()}, {@link
 * HttpServerConnection#ungetRequestBytes}); {@code ClientDisconnectWatchTest} guards it against
 * upgrades.
 */
final class ClientDisconnectWatch implements ChannelListener<ConduitStreamSourceChannel> {
  private final HttpServerConnection connection;
  private final ConduitStreamSourceChannel channel;
  private final StreamSourceConduit socket;
  private final ChannelListener<? super ConduitStreamSourceChannel> previous;
  private final Runnable onGone;
  private boolean stopped;

  private ClientDisconnectWatch(HttpServerConnection connection, Runnable onGone) {
    this.connection = connection;
    this.channel = connection.getChannel().getSourceChannel();
    this.socket = connection.getOriginalSourceConduit();
    this.previous = channel.getReadListener();
    this.onGone = onGone;
  }

  /**
   * Starts watching an exchange whose request has been read in full; empty when the connection
   * cannot be watched (not HTTP/1.1, or pipelined bytes already waiting). Call on the IO thread.
   */
  static Optional<ClientDisconnectWatch> start(HttpServerExchange exchange, Runnable onGone) {
    if (!(exchange.getConnection() instanceof HttpServerConnection connection)
        || connection.getExtraBytes() != null
        || !exchange.isRequestComplete()) {
      return Optional.empty();
    }
    ClientDisconnectWatch watch = new ClientDisconnectWatch(connection, onGone);
    watch.channel.setReadListener(watch);
    watch.socket.resumeReads();
    return Optional.of(watch);
  }

  /** Stops watching and gives the connection back to Undertow's reader. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    socket.suspendReads();
    channel.setReadListener(previous);
  }

  @Override
  public void handleEvent(ConduitStreamSourceChannel ignored) {
    if (stopped) {
      return;
    }
    PooledByteBuffer probe = connection.getByteBufferPool().allocate();
    boolean handedBack = false;
    try {
      int read = socket.read(probe.getBuffer());
      if (read == 0) {
        return;
      }
      stop();
      if (read > 0) {
        probe.getBuffer().flip();
        connection.ungetRequestBytes(probe);
        handedBack = true;
      } else {
        onGone.run();
      }
    } catch (IOException e) {
      stop();
      onGone.run();
    } finally {
      if (!handedBack) {
        probe.close();
      }
    }
  }
}
