package dev.vastproxy.adapters.http.front;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Sits under Undertow's parser on one client connection and watches each request head as it is
 * read: a head over the size limit gets 431 and one naming an HTTP version other than 1.0 or 1.1
 * gets 505, answered here and the connection closed, before Undertow parses it. Undertow cannot do
 * either itself: it answers an oversized head with a bare 400 and reads {@code HTTP/9.9} as
 * HTTP/1.1, so the version is gone by the time any handler runs.
 *
 * <p>Body bytes pass untouched, but for a chunked body's framing, which is followed to limit its
 * trailers: Undertow keeps those whole, with no limit of its own. After a head ends the scanner
 * rests until {@link #exchangeComplete} says where the next head starts (the bytes Undertow read
 * but has not used).
 */
final class HeadGuardConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {
  /**
   * How long a refused client may keep sending (its bytes are read and dropped) before the
   * connection is closed: closing at once with its bytes unread would reset the connection, and a
   * reset can destroy the answer before the client reads it.
   */
  static final long LINGER_MILLIS = 1_000;

  /** Bounds one read call's draining when a refused client keeps sending. */
  private static final int DRAIN_ROUNDS = 16;

  private final StreamConnection connection;
  private final StreamSinkConduit rawSink;
  private final RequestHeadScanner scanner;
  private final ChunkedFraming chunkedBody;
  private final int maxHeadBytes;
  private boolean refused;

  /** The exchange whose chunked body is followed, while it is. */
  private HttpServerExchange chunkedBodyOwner;

  /**
   * @param connection the client connection, its conduits as accepted (before Undertow wraps them)
   * @param maxHeadBytes the most bytes a request head may have
   */
  private HeadGuardConduit(StreamConnection connection, int maxHeadBytes) {
    super(connection.getSourceChannel().getConduit());
    this.connection = connection;
    this.rawSink = connection.getSinkChannel().getConduit();
    this.scanner = new RequestHeadScanner(maxHeadBytes);
    this.chunkedBody = new ChunkedFraming(maxHeadBytes);
    this.maxHeadBytes = maxHeadBytes;
  }

  /** Puts a guard under a freshly accepted connection. */
  static void install(StreamConnection connection, int maxHeadBytes) {
    connection.getSourceChannel().setConduit(new HeadGuardConduit(connection, maxHeadBytes));
  }

  /**
   * An exchange on this connection ended: what Undertow has read but not used starts the next head.
   * Runs before Undertow looks at those bytes, so a refused head is never dispatched.
   */
  void exchangeComplete(HttpServerConnection server) {
    if (refused) {
      return;
    }
    chunkedBody.stop();
    chunkedBodyOwner = null;
    scanner.expectHead();
    PooledByteBuffer extra = server.getExtraBytes();
    if (extra == null) {
      return;
    }
    ByteBuffer bytes = extra.getBuffer();
    Optional<byte[]> refusal = refusal(scanner.feed(bytes, bytes.position(), bytes.limit()));
    if (refusal.isPresent()) {
      server.setExtraBytes(null);
      extra.close();
      refuse(refusal.get());
    }
  }

  /**
   * The request whose head was read last has a chunked body, which starts with the bytes Undertow
   * read past the head: its framing is checked and its trailers are limited like a head, since
   * Undertow reads the one leniently and keeps the other whole.
   */
  void chunkedBodyStarts(HttpServerConnection server, HttpServerExchange exchange) {
    if (refused) {
      return;
    }
    chunkedBody.start();
    chunkedBodyOwner = exchange;
    PooledByteBuffer extra = server.getExtraBytes();
    if (extra == null) {
      return;
    }
    ByteBuffer bytes = extra.getBuffer();
    Optional<byte[]> refusal = refusal(chunkedBody.feed(bytes, bytes.position(), bytes.limit()));
    if (refusal.isPresent()) {
      // Taken from Undertow, the body can never end: nothing of it reaches an engine.
      server.setExtraBytes(null);
      extra.close();
      refuse(refusal.get());
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (refused) {
      return drain(dst);
    }
    int start = dst.position();
    int read = next.read(dst);
    if (read <= 0) {
      return read;
    }
    if (scanner.active()) {
      Optional<byte[]> refusal = refusal(scanner.feed(dst, start, start + read));
      if (refusal.isPresent()) {
        // Undertow must not parse any of it: a complete head would be dispatched.
        return refuse(dst, start, refusal.get());
      }
    } else if (chunkedBody.active()) {
      Optional<byte[]> refusal = refusal(chunkedBody.feed(dst, start, start + read));
      if (refusal.isPresent()) {
        if (chunkedBodyOwner.isResponseStarted()) {
          // Too late for an answer of its own: Undertow closes the connection on a failed read.
          throw new IOException("the request's chunked body is malformed or its trailers too long");
        }
        // The exchange above waits for a body that never ends, until the close after the answer.
        return refuse(dst, start, refusal.get());
      }
    }
    return read;
  }

  /** The answer a head's verdict calls for, if it is refused. */
  private Optional<byte[]> refusal(RequestHeadScanner.Verdict verdict) {
    return switch (verdict) {
      case TOO_LARGE -> Optional.of(RawAnswers.headersTooLarge(maxHeadBytes));
      case BAD_VERSION -> Optional.of(RawAnswers.versionNotSupported());
      case MORE, END -> Optional.empty();
    };
  }

  /** The answer a chunked body's verdict calls for, if it is refused. */
  private Optional<byte[]> refusal(ChunkedFraming.Verdict verdict) {
    return switch (verdict) {
      case TOO_LARGE -> Optional.of(RawAnswers.trailersTooLarge(maxHeadBytes));
      case MALFORMED -> Optional.of(RawAnswers.malformedChunks());
      case MORE, END -> Optional.empty();
    };
  }

  /** Hides the bytes just read from Undertow, answers, and drops what follows. */
  private int refuse(ByteBuffer dst, int start, byte[] answer) throws IOException {
    dst.position(start);
    refuse(answer);
    return drain(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      if (!dsts[i].hasRemaining()) {
        continue;
      }
      int read = read(dsts[i]);
      if (read < 0) {
        return total == 0 ? -1 : total;
      }
      total += read;
      if (dsts[i].hasRemaining()) {
        break;
      }
    }
    return total;
  }

  @Override
  public long transferTo(long position, long count, FileChannel target) throws IOException {
    if (!watching()) {
      return next.transferTo(position, count, target);
    }
    return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
  }

  @Override
  public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target)
      throws IOException {
    if (!watching()) {
      return next.transferTo(count, throughBuffer, target);
    }
    return Conduits.transfer(this, count, throughBuffer, target);
  }

  /** Whether the bytes read must be looked at (or dropped) rather than passed on untouched. */
  private boolean watching() {
    return scanner.active() || chunkedBody.active() || refused;
  }

  /** Reads and drops what the refused client sends; -1 once it has closed. */
  private int drain(ByteBuffer scratch) throws IOException {
    int start = scratch.position();
    try {
      for (int round = 0; round < DRAIN_ROUNDS && scratch.hasRemaining(); round++) {
        int read = next.read(scratch);
        scratch.position(start);
        if (read <= 0) {
          return read;
        }
      }
      return 0;
    } finally {
      scratch.position(start);
    }
  }

  private void refuse(byte[] answer) {
    refused = true;
    // On the IO thread (every head read) answer at once, before a close that Undertow makes
    // when the client's end of stream follows in the same read.
    if (Thread.currentThread() == connection.getIoThread()) {
      answerAndLinger(answer);
    } else {
      connection.getIoThread().execute(() -> answerAndLinger(answer));
    }
  }

  private void answerAndLinger(byte[] answer) {
    try {
      ByteBuffer out = ByteBuffer.wrap(answer);
      while (out.hasRemaining() && rawSink.write(out) > 0) {
        // a fresh connection's send buffer takes a few hundred bytes at once
      }
      rawSink.terminateWrites();
      rawSink.flush();
    } catch (IOException e) {
      IoUtils.safeClose(connection);
      return;
    }
    connection
        .getIoThread()
        .executeAfter(() -> IoUtils.safeClose(connection), LINGER_MILLIS, TimeUnit.MILLISECONDS);
  }
}
