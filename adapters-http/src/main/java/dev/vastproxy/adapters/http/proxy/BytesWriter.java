package dev.vastproxy.adapters.http.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.xnio.channels.StreamSinkChannel;

/** Writes one buffer to a non-blocking channel, waiting for room when it is full. */
final class BytesWriter {
  private final StreamSinkChannel sink;
  private final ByteBuffer data;
  private final Runnable done;
  private final Consumer<IOException> failed;

  private BytesWriter(
      StreamSinkChannel sink, ByteBuffer data, Runnable done, Consumer<IOException> failed) {
    this.sink = sink;
    this.data = data;
    this.done = done;
    this.failed = failed;
  }

  /** Writes the bytes, then runs {@code done}; {@code failed} on an error. */
  static void write(
      StreamSinkChannel sink, ByteBuffer data, Runnable done, Consumer<IOException> failed) {
    BytesWriter writer = new BytesWriter(sink, data, done, failed);
    sink.getWriteSetter().set(channel -> writer.drain());
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
    } catch (IOException e) {
      sink.suspendWrites();
      failed.accept(e);
      return;
    }
    sink.suspendWrites();
    done.run();
  }
}
