package dev.vastproxy.adapters.http.front;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
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

  /** Reads per turn on the IO thread, so a client that floods cannot hold the thread. */
  private static final int READS_PER_TURN = 16;

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
   * Runs {@code answer} at once, or, when the connection will close after it with some of the
   * request body still to come, once the rest is dropped: at its end, when reading it fails, or
   * after a second, whichever comes first, on the exchange's IO thread (the exchange is dispatched
   * meanwhile, so that Undertow does not end it when a handler returns).
   *
   * @param held the request channel, when the caller took it and still holds it; null otherwise,
   *     and then the channel is taken from the exchange unless some handler took it already (a body
   *     handed on, as to a backend, is not this drain's)
   */
  static void beforeAnswering(
      HttpServerExchange exchange, StreamSourceChannel held, Runnable answer) {
    if (!unreadBeforeClosing(exchange)) {
      answer.run();
      return;
    }
    exchange.dispatch(
        exchange.getIoThread(),
        () -> {
          StreamSourceChannel body = held != null ? held : exchange.getRequestChannel();
          if (body == null) {
            answer.run();
          } else {
            then(body, exchange.getConnection().getByteBufferPool(), answer);
          }
        });
  }

  private static void then(StreamSourceChannel body, ByteBufferPool buffers, Runnable then) {
    RequestBodyDrain drain = new RequestBodyDrain(body, buffers, then);
    drain.deadline =
        body.getIoThread().executeAfter(drain::finish, MOST.toMillis(), TimeUnit.MILLISECONDS);
    body.getReadSetter().set(channel -> drain.pump());
    drain.pump();
  }

  /**
   * Whether the connection closes after the answer with body bytes still to come. A client that
   * waits for "100 Continue" sends none until then: it is answered without being invited to.
   */
  private static boolean unreadBeforeClosing(HttpServerExchange exchange) {
    return !exchange.isPersistent()
        && !exchange.isRequestComplete()
        && !HttpContinue.requiresContinueResponse(exchange);
  }

  /** What one turn of reading left to do. */
  private enum Turn {
    /** The client sends nothing now: wait for it. */
    WAIT,
    /** Bytes keep coming: read on after the thread's other work. */
    YIELD,
    /** The body ended, or the client went away. */
    ENDED
  }

  private void pump() {
    if (over) {
      return;
    }
    switch (turn()) {
      case WAIT -> body.resumeReads();
      // The thread's other connections get their turn, and the deadline its chance.
      case YIELD -> body.getIoThread().execute(this::pump);
      case ENDED -> finish();
    }
  }

  private Turn turn() {
    try (PooledByteBuffer buffer = buffers.allocate()) {
      for (int reads = 0; reads < READS_PER_TURN; reads++) {
        buffer.getBuffer().clear();
        int read = body.read(buffer.getBuffer());
        if (read < 0) {
          return Turn.ENDED;
        }
        if (read == 0) {
          return Turn.WAIT;
        }
      }
      return Turn.YIELD;
    } catch (IOException gone) {
      // Nothing left to drop, and no one to answer: end as if the body had.
      return Turn.ENDED;
    }
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
