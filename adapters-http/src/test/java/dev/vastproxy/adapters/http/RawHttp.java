package dev.vastproxy.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A bare HTTP/1.1 client over a socket, for tests that must control exactly when it hangs up. */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final StringBuilder received = new StringBuilder();

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
  }

  /** Sends a POST with a JSON body. */
  RawHttp post(String path, String json, String... headers) throws IOException {
    StringBuilder request = new StringBuilder();
    request.append("POST ").append(path).append(" HTTP/1.1\r\nHost: proxy\r\n");
    request.append("Content-Type: application/json\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.UTF_8));
    out.write(body);
    out.flush();
    return this;
  }

  /** Sends bytes as they are, e.g. a hand-made request head. */
  RawHttp send(String raw) throws IOException {
    return send(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends bytes as they are. */
  RawHttp send(byte[] raw) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(raw);
    out.flush();
    return this;
  }

  /** Says it will send nothing more (half-closes), still reading what comes. */
  RawHttp endSending() throws IOException {
    socket.shutdownOutput();
    return this;
  }

  /** Reads until the text received so far contains {@code marker}; false at end of stream. */
  boolean readUntil(String marker) throws IOException {
    return readUntilSeen(marker, 1);
  }

  /** Reads until {@code marker} has been received {@code times} times; false at end of stream. */
  boolean readUntilSeen(String marker, int times) throws IOException {
    while (occurrences(marker, times) < times) {
      if (!readMore()) {
        return false;
      }
    }
    return true;
  }

  /** How often {@code marker} was received, counting to {@code atMost}. */
  private int occurrences(String marker, int atMost) {
    int count = 0;
    for (int at = received.indexOf(marker);
        at >= 0 && count < atMost;
        at = received.indexOf(marker, at + 1)) {
      count++;
    }
    return count;
  }

  private boolean readMore() throws IOException {
    byte[] buffer = new byte[8192];
    int read = in.read(buffer);
    if (read < 0) {
      return false;
    }
    received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
    return true;
  }

  /** Reads to the end of the stream (the server closed), failing after the socket timeout. */
  String readToEnd() throws IOException {
    try {
      while (readMore()) {
        // until the end
      }
    } catch (SocketException reset) {
      // a reset ends the stream too
    }
    return received.toString();
  }

  /** Everything received so far. */
  String received() {
    return received.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
