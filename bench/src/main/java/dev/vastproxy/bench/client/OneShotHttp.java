package dev.vastproxy.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One blocking request on a fresh loopback connection, reading only the status line. */
public final class OneShotHttp {
  private OneShotHttp() {}

  /**
   * Sends the request bytes and returns the response's status code.
   *
   * @throws IOException when it cannot connect, or no status line comes within the timeout
   * @throws IllegalArgumentException when the target is not loopback
   */
  public static int status(InetSocketAddress target, byte[] request, int timeoutMillis)
      throws IOException {
    if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("refusing " + target + ": only loopback may be loaded");
    }
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeoutMillis);
      socket.connect(target, timeoutMillis);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        line.append((char) b);
      }
      String[] parts = line.toString().trim().split(" ");
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException(
            "no HTTP status line: "
                + new String(
                    line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
      }
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("bad status line: " + line, e);
      }
    }
  }
}
