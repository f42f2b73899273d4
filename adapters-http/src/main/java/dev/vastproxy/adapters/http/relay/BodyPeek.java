package dev.vastproxy.adapters.http.relay;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Which request bodies are read before routing, and how their model is found in them. A JSON {@code
 * POST} under {@code /v1/} is read when it declares no more than the peek limit; a body without a
 * {@code Content-Type} is read too, because FastAPI engines parse it as JSON anyway. A gzip- or
 * deflate-encoded body is decoded, within the same limit, to find its model; it is still sent on
 * exactly as it came.
 */
final class BodyPeek {
  private BodyPeek() {}

  /** Whether the request's body may name a model and fits the limit, so it is read first. */
  static boolean wanted(HttpServerExchange exchange, int limit) {
    if (limit == 0
        || !exchange.getRequestMethod().equals(Methods.POST)
        || !exchange.getRequestPath().startsWith("/v1/")) {
      return false;
    }
    long length = exchange.getRequestContentLength();
    if (length == 0 || length > limit || encoding(exchange).isEmpty()) {
      return false;
    }
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    return type == null || type.toLowerCase(Locale.ROOT).contains("json");
  }

  /** The model a whole body names, decoded as its {@code Content-Encoding} says. */
  static Optional<String> model(HttpServerExchange exchange, byte[] body, int length, int limit) {
    Optional<Encoding> encoding = encoding(exchange);
    if (encoding.isEmpty()) {
      return Optional.empty();
    }
    if (encoding.get() == Encoding.IDENTITY) {
      return ModelField.of(body, length);
    }
    ByteArrayInputStream raw = new ByteArrayInputStream(body, 0, length);
    try (InputStream decoded =
        new BoundedInputStream(
            encoding.get() == Encoding.GZIP ? new GZIPInputStream(raw) : deflate(body, length, raw),
            limit)) {
      return ModelField.of(decoded);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Body encodings the peek can read. */
  private enum Encoding {
    IDENTITY,
    GZIP,
    DEFLATE
  }

  private static Optional<Encoding> encoding(HttpServerExchange exchange) {
    HeaderValues values = exchange.getRequestHeaders().get(Headers.CONTENT_ENCODING);
    if (values == null || values.isEmpty()) {
      return Optional.of(Encoding.IDENTITY);
    }
    if (values.size() > 1) {
      return Optional.empty();
    }
    return switch (values.getFirst().strip().toLowerCase(Locale.ROOT)) {
      case "identity", "" -> Optional.of(Encoding.IDENTITY);
      case "gzip", "x-gzip" -> Optional.of(Encoding.GZIP);
      case "deflate" -> Optional.of(Encoding.DEFLATE);
      default -> Optional.empty();
    };
  }

  /** HTTP's deflate is zlib-wrapped, but some clients send it raw; both are read. */
  private static InputStream deflate(byte[] body, int length, InputStream raw) {
    Inflater probe = new Inflater();
    try {
      probe.setInput(body, 0, Math.min(length, 2));
      probe.inflate(new byte[1]);
      return new InflaterInputStream(raw);
    } catch (DataFormatException notZlib) {
      return new InflaterInputStream(raw, new Inflater(true));
    } finally {
      probe.end();
    }
  }

  /** Ends a decoded body with an error past the limit: a bomb is not read to its end. */
  private static final class BoundedInputStream extends FilterInputStream {
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      if (read > 0) {
        left -= read;
        if (left < 0) {
          throw new IOException("decoded body past the peek limit");
        }
      }
      return read;
    }
  }
}
