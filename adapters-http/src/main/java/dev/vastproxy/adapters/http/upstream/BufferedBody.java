package dev.vastproxy.adapters.http.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads a body into memory without blocking, up to a cap: a request body, so that its {@code model}
 * can be read before a backend is chosen, or a small backend answer. A body over the cap is left
 * part-read: its prefix is kept and the rest stays in the channel to be streamed.
 *
 * <p>The array grows with the bytes that arrive, never with what a header claims, and each growth
 * is taken from a {@link MemoryBudget} shared by all requests; the caller gives the final array's
 * length back when it lets go of the body.
 */
public final class BufferedBody {
  /** The first array; bodies that declare less start smaller. */
  private static final int FIRST_SIZE = 16 * 1024;

  /** What was read. */
  public interface Callback {
    /**
     * The body (or its first {@code cap} bytes, when {@code complete} is false); {@code
     * bytes.length} bytes of the budget are held for it.
     */
    public void read(byte[] bytes, int length, boolean complete);

    /** Reading failed (the client went away mid-body). Nothing of the budget is held. */
    void failed(IOException e);

    /** The budget had no room for the body. Nothing of the budget is held. */
    void overBudget();
  }

  private final StreamSourceChannel channel;
  private final long declaredLength;
  private final int cap;
  private final MemoryBudget budget;
  private final Callback callback;
  private byte[] bytes = new byte[0];
  private int length;

  private BufferedBody(
      StreamSourceChannel channel,
      long declaredLength,
      int cap,
      MemoryBudget budget,
      Callback callback) {
    this.channel = channel;
    this.declaredLength = declaredLength;
    this.cap = cap;
    this.budget = budget;
    this.callback = callback;
  }

  /**
   * Reads a channel's body; the callback runs on the channel's IO thread.
   *
   * @param declaredLength the body's Content-Length, or -1 when unknown
   */
  public static void read(
      StreamSourceChannel channel,
      long declaredLength,
      int cap,
      MemoryBudget budget,
      Callback callback) {
    BufferedBody body = new BufferedBody(channel, declaredLength, cap, budget, callback);
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
          if (length > 0 && channel.read(ByteBuffer.wrap(bytes, length, 0)) < 0) {
            done(true);
            return;
          }
          if (!grow()) {
            return;
          }
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
      stop();
      budget.giveBack(bytes.length);
      callback.failed(e);
    }
  }

  /** Doubles the array (within the cap and the declared length); false when over budget. */
  private boolean grow() {
    long wanted = bytes.length == 0 ? FIRST_SIZE : bytes.length * 2L;
    if (declaredLength > 0) {
      wanted = Math.min(wanted, declaredLength);
    }
    int size = (int) Math.min(cap, Math.max(wanted, bytes.length + 1L));
    if (!budget.tryTake(size - bytes.length)) {
      stop();
      budget.giveBack(bytes.length);
      callback.overBudget();
      return false;
    }
    bytes = Arrays.copyOf(bytes, size);
    return true;
  }

  private void done(boolean complete) {
    stop();
    callback.read(bytes, length, complete);
  }

  private void stop() {
    channel.suspendReads();
    channel.getReadSetter().set(null);
  }
}
