package dev.vastproxy.adapters.http.upstream;

import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
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
 * Caps the bytes an engine may send before its answer's head is whole. Undertow's client has no
 * such limit: it reads and parses a head until the head ends, keeping every header, and loops on
 * the IO thread for as long as bytes keep coming, so an engine that never ends its head would fill
 * the heap and hold the thread (and every connection on it). Past the limit the read fails, which
 * fails the attempt and closes the connection.
 *
 * <p>It sits on top of the connection's conduits for one exchange only: Undertow puts its own
 * conduits back when the exchange is done, and bytes read once the head is whole pass uncounted.
 */
public final class ResponseHeadLimit extends AbstractStreamSourceConduit<StreamSourceConduit> {
  /**
   * The largest answer head always taken, interim {@code 100 Continue} heads included; engines send
   * heads under 1 KiB. The read that completes a head may bring body bytes along, so reading stops
   * only once this and one more buffer were read before the head was whole.
   */
  public static final int MAX_HEAD_BYTES = 64 * 1024;

  /**
   * Undertow's HTTP/1.1 client connection keeps its socket to itself (its accessor is package
   * private) and offers no other way to see an answer's bytes before its head is parsed.
   */
  private static final MethodHandle SOCKET = socketAccessor();

  private final ClientExchange exchange;
  private final long limit;
  private long beforeHead;

  private ResponseHeadLimit(StreamSourceConduit next, ClientExchange exchange) {
    super(next);
    this.exchange = exchange;
    this.limit = MAX_HEAD_BYTES + (long) exchange.getConnection().getBufferPool().getBufferSize();
  }

  /**
   * Limits the answer to an exchange whose request just started: call it from the request's
   * callback, before any byte of the answer can be read.
   */
  public static void install(ClientExchange exchange) {
    ConduitStreamSourceChannel source = socketOf(exchange.getConnection()).getSourceChannel();
    source.setConduit(new ResponseHeadLimit(source.getConduit(), exchange));
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
    if (read > 0 && exchange.getResponse() == null) {
      beforeHead += read;
      if (beforeHead > limit) {
        throw new IOException(
            "the engine's answer head did not end within " + limit / 1024 + " KiB");
      }
    }
    return read;
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
