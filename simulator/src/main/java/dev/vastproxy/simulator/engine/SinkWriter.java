package dev.vastproxy.simulator.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.xnio.channels.StreamSinkChannel;

/** Writes buffers to a non-blocking response channel one at a time, waiting when it is full. */
final class SinkWriter {
  private final StreamSinkChannel sink;
  private final Consumer<IOException> onError;
  private ByteBuffer pending;
  private Runnable then;

  SinkWriter(StreamSinkChannel sink, Consumer<IOException> onError) {
    this.sink = sink;
    this.onError = onError;
    sink.getWriteSetter().set(channel -> drain());
  }

  /** Writes the buffer and flushes it, then runs {@code next}. */
  void write(ByteBuffer buffer, Runnable next) {
    this.pending = buffer;
    this.then = next;
    drain();
  }

  /** Ends the response body, then runs {@code next}. */
  void finish(Runnable next) {
    try {
      sink.shutdownWrites();
    } catch (IOException e) {
      onError.accept(e);
      return;
    }
    write(ByteBuffer.allocate(0), next);
  }

  private void drain() {
    try {
      while (pending.hasRemaining()) {
        if (sink.write(pending) == 0) {
          sink.resumeWrites();
          return;
        }
      }
      if (!sink.flush()) {
        sink.resumeWrites();
        return;
      }
      sink.suspendWrites();
      Runnable next = then;
      then = null;
      if (next != null) {
        next.run();
      }
    } catch (IOException e) {
      sink.suspendWrites();
      onError.accept(e);
    }
  }
}
