package dev.vastproxy.adapters.http.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes one buffer to a non-blocking channel, waiting for room when it is full, and, when asked,
 * ends the channel (shut down and flushed) afterwards. A large buffer goes out in slices: the JDK
 * copies each heap-buffer write into a temporary direct buffer of the write's size and keeps it per
 * thread, so one 30 MiB write would pin 30 MiB of direct memory to an IO thread for good.
 */
public final class BytesWriter {
  /** The most handed to one write call. */
  private static final int SLICE = 256 * 1024;

  private final StreamSinkChannel sink;
  private final ByteBuffer data;
  private final boolean end;
  private final Runnable done;
  private final Consumer<IOException> failed;
  private boolean shutDown;

  private BytesWriter(
      StreamSinkChannel sink,
      ByteBuffer data,
      boolean end,
      Runnable done,
      Consumer<IOException> failed) {
    this.sink = sink;
    this.data = data;
    this.end = end;
    this.done = done;
    this.failed = failed;
  }

  /** Writes the bytes, then runs {@code done}; {@code failed} on an error. */
  public static void write(
      StreamSinkChannel sink, ByteBuffer data, Runnable done, Consumer<IOException> failed) {
    start(new BytesWriter(sink, data, false, done, failed));
  }

  /** Writes the bytes and ends the channel, then runs {@code done}. */
  public static void writeAndEnd(
      StreamSinkChannel sink, ByteBuffer data, Runnable done, Consumer<IOException> failed) {
    start(new BytesWriter(sink, data, true, done, failed));
  }

  private static void start(BytesWriter writer) {
    writer.sink.getWriteSetter().set(channel -> writer.drain());
    writer.drain();
  }

  private void drain() {
    try {
      int limit = data.limit();
      while (data.hasRemaining()) {
        data.limit(Math.min(limit, data.position() + SLICE));
        int written = sink.write(data);
        data.limit(limit);
        if (written == 0) {
          sink.resumeWrites();
          return;
        }
      }
      if (end) {
        if (!shutDown) {
          shutDown = true;
          sink.shutdownWrites();
        }
        if (!sink.flush()) {
          sink.resumeWrites();
          return;
        }
      }
    } catch (IOException e) {
      sink.suspendWrites();
      failed.accept(e);
      return;
    }
    sink.suspendWrites();
    done.run();
  }
}
