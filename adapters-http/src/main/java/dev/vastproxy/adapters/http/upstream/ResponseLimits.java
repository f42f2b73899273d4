package dev.vastproxy.adapters.http.upstream;

import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientResponse;
import io.undertow.client.ClientStatistics;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Caps the parts of an engine's answer that Undertow's client keeps whole: its head and, for a
 * chunked body, its trailers. Undertow's client has no limit on either: it parses a head until the
 * head ends, keeping every header, and loops on the IO thread for as long as bytes keep coming, so
 * an engine that never ends its head (or its trailers) would fill the heap and hold the thread (and
 * every connection on it). Past a limit the read fails, which fails the attempt and closes the
 * connection.
 *
 * <p>It sits on top of the connection's conduits for one exchange only (Undertow puts its own back
 * when the exchange is done) and counts what is read until the head is whole. A chunked body then
 * gets a {@link ChunkedTail} on top of Undertow's chunk reader, which counts the bytes read without
 * a data byte coming out: framing between chunks is a few bytes, trailers are all of them.
 */
public final class ResponseLimits extends AbstractStreamSourceConduit<StreamSourceConduit> {
  /**
   * The largest answer head always taken, interim {@code 100 Continue} heads included, and the
   * largest trailer section; engines send heads under 1 KiB and no trailers. A read may bring more
   * than what is limited along (the body after a head, the last data before trailers), so reading
   * stops only once this and one more buffer were read.
   */
  public static final int MAX_HEAD_BYTES = 64 * 1024;

  /**
   * Undertow's HTTP/1.1 client connection keeps its socket to itself (its accessor is package
   * private) and offers no other way to see an answer's bytes before its head is parsed.
   */
  private static final MethodHandle SOCKET = socketAccessor();

  private final ClientExchange exchange;
  private final ConduitStreamSourceChannel source;
  private final long limit;
  private long headBytes;
  private boolean headRead;

  private ResponseLimits(ConduitStreamSourceChannel source, ClientExchange exchange) {
    super(source.getConduit());
    this.exchange = exchange;
    this.source = source;
    this.limit = MAX_HEAD_BYTES + (long) exchange.getConnection().getBufferPool().getBufferSize();
  }

  /**
   * Limits the answer to an exchange whose request just started: call it from the request's
   * callback, before any byte of the answer can be read.
   */
  public static void install(ClientExchange exchange) {
    ConduitStreamSourceChannel source = socketOf(exchange.getConnection()).getSourceChannel();
    source.setConduit(new ResponseLimits(source, exchange));
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return (int) counted(next.read(dst));
  }

  @Override
  public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
    return counted(next.read(dsts, offs, len));
  }

  @Override
  public long transferTo(long position, long count, FileChannel target) throws IOException {
    return counted(next.transferTo(position, count, target));
  }

  @Override
  public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target)
      throws IOException {
    return counted(next.transferTo(count, throughBuffer, target));
  }

  private long counted(long read) throws IOException {
    if (read <= 0 || headRead) {
      return read;
    }
    ClientResponse response = exchange.getResponse();
    if (response == null) {
      headBytes += read;
      if (headBytes > limit) {
        throw new IOException(
            "the engine's answer head did not end within " + limit / 1024 + " KiB");
      }
      return read;
    }
    // The first read of the body, from under the body's own conduit, now on the channel.
    headRead = true;
    ClientStatistics statistics = exchange.getConnection().getStatistics();
    if (chunked(response) && statistics != null) {
      source.setConduit(new ChunkedTail(source.getConduit(), statistics, limit));
    }
    return read;
  }

  /** Whether Undertow's client reads this answer's body as chunked: its own rule. */
  private boolean chunked(ClientResponse response) {
    if (exchange.getRequest().getMethod().equals(Methods.HEAD)) {
      return false;
    }
    String coding = response.getResponseHeaders().getLast(Headers.TRANSFER_ENCODING);
    return coding != null && Headers.CHUNKED.equals(new HttpString(coding));
  }

  /**
   * Sits on Undertow's chunk reader and fails a read once too many bytes came off the socket in a
   * row without one data byte coming out: trailers (or chunk extensions) without end.
   */
  private static final class ChunkedTail extends AbstractStreamSourceConduit<StreamSourceConduit> {
    private final ClientStatistics statistics;
    private final long limit;
    private long withoutData;

    ChunkedTail(StreamSourceConduit next, ClientStatistics statistics, long limit) {
      super(next);
      this.statistics = statistics;
      this.limit = limit;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      long before = statistics.getRead();
      int read = next.read(dst);
      return (int) checked(before, read);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
      long before = statistics.getRead();
      return checked(before, next.read(dsts, offs, len));
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
      long before = statistics.getRead();
      return checked(before, next.transferTo(position, count, target));
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target)
        throws IOException {
      long before = statistics.getRead();
      return checked(before, next.transferTo(count, throughBuffer, target));
    }

    private long checked(long before, long read) throws IOException {
      if (read > 0) {
        withoutData = 0;
        return read;
      }
      // Undertow counts in an int that wraps; the difference of two readings does not.
      withoutData += (int) (statistics.getRead() - before);
      if (withoutData > limit) {
        throw new IOException(
            "the engine's answer trailers did not end within " + limit / 1024 + " KiB");
      }
      return read;
    }
  }

  private static StreamConnection socketOf(ClientConnection connection) {
    try {
      return (StreamConnection) SOCKET.invokeExact(connection);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot reach the engine connection's socket", e);
    }
  }

  private static MethodHandle socketAccessor() {
    try {
      Class<?> type = Class.forName("io.undertow.client.http.HttpClientConnection");
      return MethodHandles.privateLookupIn(type, MethodHandles.lookup())
          .findVirtual(type, "getConnection", MethodType.methodType(StreamConnection.class))
          .asType(MethodType.methodType(StreamConnection.class, ClientConnection.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this Undertow's HTTP/1.1 client does not have the connection accessor it had", e);
    }
  }
}
