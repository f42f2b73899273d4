package dev.vastproxy.adapters.http.relay;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * Pumps bytes from a source channel to a sink channel without blocking: each read is written on at
 * once (an SSE event reaches the client as the backend writes it), a slow sink pauses the source,
 * and a buffer is held only while data waits to be written, so an idle stream costs no buffer.
 */
final class ChannelRelay {
  /** Buffers moved per wake-up before yielding the IO thread to other connections. */
  private static final int BUFFERS_PER_EVENT = 16;

  /** Sees each read before it is written, and says what to write instead. */
  interface Filter {
    /** Writes every read as it came. */
    Filter NONE = read -> read;

    /**
     * What to write for the bytes just read: {@code read} itself (as it came), or other bytes,
     * possibly none for now. Must consume {@code read}.
     */
    ByteBuffer apply(ByteBuffer read);
  }

  /** What the relay tells its owner. */
  interface Listener {
    /** The source ended and the sink is shut down and flushed. */
    void done();

    /** Reading the source failed. */
    void readFailed(IOException e);

    /** Writing the sink failed. */
    void writeFailed(IOException e);

    /** The first bytes arrived from the source. */
    default void firstBytes() {}

    /**
     * The source reached its end and will not be read again; the sink is not finished yet. Its
     * connection may carry another exchange from now on, and finishing the sink may end this one.
     */
    default void sourceEnded() {}
  }

  private final StreamSourceChannel source;
  private final StreamSinkChannel sink;
  private final ByteBufferPool pool;
  private final Listener listener;
  private final Filter filter;
  private PooledByteBuffer pending;
  private ByteBuffer out;
  private boolean awaitingSource;
  private boolean sawBytes;
  private long awaitingSourceSince;
  private boolean ending;
  private boolean finished;

  ChannelRelay(
      StreamSourceChannel source, StreamSinkChannel sink, ByteBufferPool pool, Listener listener) {
    this(source, sink, pool, Filter.NONE, listener);
  }

  ChannelRelay(
      StreamSourceChannel source,
      StreamSinkChannel sink,
      ByteBufferPool pool,
      Filter filter,
      Listener listener) {
    this.source = source;
    this.sink = sink;
    this.pool = pool;
    this.filter = filter;
    this.listener = listener;
  }

  /** Starts pumping; the listener hears how it ends. */
  void start() {
    source.getReadSetter().set(channel -> pump());
    sink.getWriteSetter().set(channel -> pump());
    pump();
  }

  /**
   * How long the relay has been waiting for the source at {@code now}; zero while it moves bytes or
   * waits for a slow sink, which is not the source's silence.
   */
  long sourceSilentNanos(long now) {
    return awaitingSource ? now - awaitingSourceSince : 0;
  }

  /** Whether bytes read are waiting to be written: the sink is slow, or the write under way. */
  boolean writing() {
    return pending != null;
  }

  /** Stops pumping and frees the buffer; the owner closes the channels. */
  void cancel() {
    finished = true;
    release();
    source.suspendReads();
    sink.suspendWrites();
  }

  private void pump() {
    if (finished) {
      return;
    }
    if (ending) {
      finishSink();
      return;
    }
    for (int moved = 0; moved < BUFFERS_PER_EVENT; moved++) {
      if (pending != null && !writePending()) {
        return;
      }
      PooledByteBuffer buffer = pool.allocate();
      int read;
      try {
        read = source.read(buffer.getBuffer());
      } catch (IOException e) {
        buffer.close();
        fail(() -> listener.readFailed(e));
        return;
      }
      if (read > 0) {
        awaitingSource = false;
        buffer.getBuffer().flip();
        pending = buffer;
        out = filter.apply(buffer.getBuffer());
        if (!sawBytes) {
          sawBytes = true;
          listener.firstBytes();
          if (finished) {
            return;
          }
        }
        continue;
      }
      buffer.close();
      if (read < 0) {
        ending = true;
        source.suspendReads();
        listener.sourceEnded();
        if (finished) {
          return;
        }
        finishSink();
      } else {
        waitForSource();
      }
      return;
    }
    // Yield: let other connections on this IO thread have their turn, then carry on.
    source.getIoThread().execute(this::pump);
  }

  /** Writes what waits; false when the sink is full (writes resumed, reads paused). */
  private boolean writePending() {
    ByteBuffer data = out;
    try {
      while (data.hasRemaining()) {
        if (sink.write(data) == 0) {
          awaitingSource = false;
          source.suspendReads();
          sink.resumeWrites();
          return false;
        }
      }
    } catch (IOException e) {
      fail(() -> listener.writeFailed(e));
      return false;
    }
    release();
    return true;
  }

  /** Nothing to read now: push out what was written, then wait for the source. */
  private void waitForSource() {
    try {
      if (!sink.flush()) {
        awaitingSource = false;
        source.suspendReads();
        sink.resumeWrites();
        return;
      }
    } catch (IOException e) {
      fail(() -> listener.writeFailed(e));
      return;
    }
    if (!awaitingSource) {
      awaitingSource = true;
      awaitingSourceSince = System.nanoTime();
    }
    sink.suspendWrites();
    source.resumeReads();
  }

  private void finishSink() {
    try {
      sink.shutdownWrites();
      if (!sink.flush()) {
        sink.resumeWrites();
        return;
      }
    } catch (IOException e) {
      fail(() -> listener.writeFailed(e));
      return;
    }
    sink.suspendWrites();
    finished = true;
    listener.done();
  }

  private void fail(Runnable report) {
    cancel();
    report.run();
  }

  private void release() {
    if (pending != null) {
      pending.close();
      pending = null;
      out = null;
    }
  }
}
