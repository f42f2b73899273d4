package dev.vastproxy.adapters.http.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes one buffer to a non-blocking channel, waiting for room when it is full, and, when asked,
 * ends the channel (shut down and flushed) afterwards.
 */
final class BytesWriter {
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
  static void write(
      StreamSinkChannel sink, ByteBuffer data, Runnable done, Consumer<IOException> failed) {
    start(new BytesWriter(sink, data, false, done, failed));
  }

  /** Writes the bytes and ends the channel, then runs {@code done}. */
  static void writeAndEnd(
      StreamSinkChannel sink, ByteBuffer data, Runnable done, Consumer<IOException> failed) {
    start(new BytesWriter(sink, data, true, done, failed));
  }

  private static void start(BytesWriter writer) {
    writer.sink.getWriteSetter().set(channel -> writer.drain());
    writer.drain();
  }

  private void drain() {
    try {
      while (data.hasRemaining()) {
        if (sink.write(data) == 0) {
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
