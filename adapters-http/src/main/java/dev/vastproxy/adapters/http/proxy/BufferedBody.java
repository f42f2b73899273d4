package dev.vastproxy.adapters.http.proxy;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads a body into memory without blocking, up to a cap: a request body, so that its {@code model}
 * can be read before a backend is chosen, or a small backend answer. A body over the cap is left
 * part-read: its prefix is kept and the rest stays in the channel to be streamed.
 */
final class BufferedBody {
  /** What was read. */
  interface Callback {
    /** The body (or its first {@code cap} bytes, when {@code complete} is false). */
    void read(byte[] bytes, int length, boolean complete);

    /** Reading failed (the client went away mid-body). */
    void failed(IOException e);
  }

  private final StreamSourceChannel channel;
  private final ByteBufferPool pool;
  private final int cap;
  private final Callback callback;
  private byte[] bytes;
  private int length;

  private BufferedBody(
      StreamSourceChannel channel,
      ByteBufferPool pool,
      long declaredLength,
      int cap,
      Callback callback) {
    this.channel = channel;
    this.pool = pool;
    this.cap = cap;
    this.callback = callback;
    this.bytes = new byte[(int) Math.min(cap, declaredLength > 0 ? declaredLength : 8192)];
  }

  /**
   * Reads a channel's body; the callback runs on the channel's IO thread.
   *
   * @param declaredLength the body's Content-Length, or -1 when unknown
   */
  static void read(
      StreamSourceChannel channel,
      ByteBufferPool pool,
      long declaredLength,
      int cap,
      Callback callback) {
    BufferedBody body = new BufferedBody(channel, pool, declaredLength, cap, callback);
    body.channel.getReadSetter().set(ignored -> body.pump());
    body.pump();
  }

  private void pump() {
    PooledByteBuffer pooled = pool.allocate();
    try {
      ByteBuffer buffer = pooled.getBuffer();
      while (true) {
        buffer.clear();
        if (length == cap) {
          buffer.limit(0);
        } else if (cap - length < buffer.capacity()) {
          buffer.limit(cap - length);
        }
        int read = buffer.limit() == 0 ? 0 : channel.read(buffer);
        if (read < 0) {
          done(true);
          return;
        }
        if (read == 0) {
          if (length == cap) {
            done(false);
          } else {
            channel.resumeReads();
          }
          return;
        }
        buffer.flip();
        ensureRoom(read);
        buffer.get(bytes, length, read);
        length += read;
      }
    } catch (IOException e) {
      channel.suspendReads();
      callback.failed(e);
    } finally {
      pooled.close();
    }
  }

  private void ensureRoom(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max(bytes.length * 2L, length + more)));
    }
  }

  private void done(boolean complete) {
    channel.suspendReads();
    channel.getReadSetter().set(null);
    callback.read(bytes, length, complete);
  }
}
