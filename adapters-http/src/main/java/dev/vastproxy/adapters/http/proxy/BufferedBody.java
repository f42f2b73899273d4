package dev.vastproxy.adapters.http.proxy;

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
  private final int cap;
  private final Callback callback;
  private byte[] bytes;
  private int length;

  private BufferedBody(
      StreamSourceChannel channel, long declaredLength, int cap, Callback callback) {
    this.channel = channel;
    this.cap = cap;
    this.callback = callback;
    this.bytes = new byte[(int) Math.min(cap, declaredLength > 0 ? declaredLength : 8192)];
  }

  /**
   * Reads a channel's body; the callback runs on the channel's IO thread.
   *
   * @param declaredLength the body's Content-Length, or -1 when unknown
   */
  static void read(StreamSourceChannel channel, long declaredLength, int cap, Callback callback) {
    BufferedBody body = new BufferedBody(channel, declaredLength, cap, callback);
    body.channel.getReadSetter().set(ignored -> body.pump());
    body.pump();
  }

  private void pump() {
    try {
      while (true) {
        if (length == cap) {
          done(false);
          return;
        }
        if (length == bytes.length) {
          // Full: a body that has ended says so even to an empty buffer, so that a body of its
          // declared length never costs a larger copy.
          if (channel.read(ByteBuffer.wrap(bytes, length, 0)) < 0) {
            done(true);
            return;
          }
          bytes = Arrays.copyOf(bytes, (int) Math.min(cap, Math.max(bytes.length * 2L, 1024)));
        }
        // Straight into the array: no pooled buffer, no second copy.
        int read = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
        if (read < 0) {
          done(true);
          return;
        }
        if (read == 0) {
          channel.resumeReads();
          return;
        }
        length += read;
      }
    } catch (IOException e) {
      channel.suspendReads();
      callback.failed(e);
    }
  }

  private void done(boolean complete) {
    channel.suspendReads();
    channel.getReadSetter().set(null);
    callback.read(bytes, length, complete);
  }
}
