package dev.vastproxy.adapters.http.relay;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads and drops the rest of a request body that will not be used, for at most a while, before the
 * proxy answers and closes the connection: closing with the client's bytes unread resets the
 * connection, and a reset can destroy the answer before the client reads it.
 */
final class RequestBodyDrain {
  /** The longest a client's bytes are read and dropped before the answer. */
  private static final Duration MOST = Duration.ofSeconds(1);

  private final StreamSourceChannel body;
  private final ByteBufferPool buffers;
  private final Runnable then;
  private XnioExecutor.Key deadline;
  private boolean over;

  private RequestBodyDrain(StreamSourceChannel body, ByteBufferPool buffers, Runnable then) {
    this.body = body;
    this.buffers = buffers;
    this.then = then;
  }

  /**
   * Drops what is left of {@code body} and then runs {@code then} on the body's IO thread: at its
   * end, when reading it fails, or after a second, whichever comes first.
   */
  static void then(StreamSourceChannel body, ByteBufferPool buffers, Runnable then) {
    RequestBodyDrain drain = new RequestBodyDrain(body, buffers, then);
    drain.deadline =
        body.getIoThread().executeAfter(drain::finish, MOST.toMillis(), TimeUnit.MILLISECONDS);
    body.getReadSetter().set(channel -> drain.pump());
    drain.pump();
  }

  private void pump() {
    if (over) {
      return;
    }
    try (PooledByteBuffer buffer = buffers.allocate()) {
      while (true) {
        buffer.getBuffer().clear();
        int read = body.read(buffer.getBuffer());
        if (read < 0) {
          break;
        }
        if (read == 0) {
          body.resumeReads();
          return;
        }
      }
    } catch (IOException gone) {
      // The client went away: there is nothing left to drop, and no one to answer.
    }
    finish();
  }

  private void finish() {
    if (over) {
      return;
    }
    over = true;
    deadline.remove();
    body.suspendReads();
    body.getReadSetter().set(null);
    then.run();
  }
}
