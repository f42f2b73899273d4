package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.adapters.http.upstream.BytesWriter;
import io.undertow.connector.ByteBufferPool;
import java.io.IOException;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes a request's body to a backend: the bytes held in memory, then whatever is still in the
 * client's channel, and ends the backend's request channel.
 */
final class RequestBodyWriter {
  /** What the writer tells its attempt. */
  interface Listener {
    /** The whole body was written. */
    void written();

    /** Writing to the backend failed. */
    void writeFailed(IOException e);

    /** Reading the rest of the body from the client failed. */
    void clientFailed();
  }

  private final StreamSinkChannel sink;
  private final RequestBody body;
  private final ByteBufferPool pool;
  private final Listener listener;
  private ChannelRelay relay;
  private boolean cancelled;

  private RequestBodyWriter(
      StreamSinkChannel sink, RequestBody body, ByteBufferPool pool, Listener listener) {
    this.sink = sink;
    this.body = body;
    this.pool = pool;
    this.listener = listener;
  }

  /** Starts writing {@code body} to {@code sink}. */
  static RequestBodyWriter start(
      StreamSinkChannel sink, RequestBody body, ByteBufferPool pool, Listener listener) {
    RequestBodyWriter writer = new RequestBodyWriter(sink, body, pool, listener);
    if (body.inMemory() && body.complete()) {
      BytesWriter.writeAndEnd(sink, body.bytes(), listener::written, listener::writeFailed);
    } else if (body.inMemory()) {
      BytesWriter.write(sink, body.bytes(), writer::relayRest, listener::writeFailed);
    } else if (body.streamed()) {
      writer.relayRest();
    } else {
      listener.written();
    }
    return writer;
  }

  private void relayRest() {
    if (cancelled) {
      return;
    }
    relay =
        new ChannelRelay(
            body.channel(),
            sink,
            pool,
            new ChannelRelay.Listener() {
              @Override
              public void done() {
                listener.written();
              }

              @Override
              public void readFailed(IOException e) {
                listener.clientFailed();
              }

              @Override
              public void writeFailed(IOException e) {
                listener.writeFailed(e);
              }
            });
    relay.start();
  }

  /** Stops writing; the attempt closes the connection. */
  void cancel() {
    cancelled = true;
    if (relay != null) {
      relay.cancel();
      relay = null;
    }
  }
}
