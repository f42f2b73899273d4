package dev.vastproxy.simulator.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * The public port of a fake engine serving HTTPS, like vast.ai's instance portal with TLS on: a TLS
 * client is relayed to the engine's HTTPS listener; a plain-HTTP request on the same port is
 * answered with a redirect to https on that port. One thread per connection: test traffic only.
 */
final class TlsFrontDoor implements AutoCloseable {
  private static final int TLS_HANDSHAKE = 0x16;

  private final ServerSocket server;
  private final IntSupplier httpsPort;
  private volatile boolean closed;

  TlsFrontDoor(int port, IntSupplier httpsPort) throws IOException {
    this.server = new ServerSocket();
    this.server.setReuseAddress(true);
    this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    this.httpsPort = httpsPort;
    Thread acceptor = new Thread(this::accept, "fake-engine-tls-door-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Thread handler = new Thread(() -> serve(client), "fake-engine-tls-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      PushbackInputStream in = new PushbackInputStream(client.getInputStream(), 1);
      int first = in.read();
      if (first < 0) {
        return;
      }
      in.unread(first);
      if (first == TLS_HANDSHAKE) {
        relay(client, in);
      } else {
        redirect(client, in);
      }
    } catch (IOException e) {
      // the client or the engine went away
    }
  }

  private void redirect(Socket client, InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    String requestLine = reader.readLine();
    String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
    String path = parts.length > 1 ? parts[1] : "/";
    String response =
        "HTTP/1.1 308 Permanent Redirect\r\nLocation: https://127.0.0.1:"
            + port()
            + path
            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(response.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private void relay(Socket client, InputStream in) throws IOException {
    try (Socket engine = new Socket(InetAddress.getLoopbackAddress(), httpsPort.getAsInt())) {
      Thread upstream =
          new Thread(
              () -> {
                try {
                  in.transferTo(engine.getOutputStream());
                  engine.shutdownOutput();
                } catch (IOException e) {
                  closeQuietly(engine);
                }
              },
              "fake-engine-tls-relay");
      upstream.setDaemon(true);
      upstream.start();
      engine.getInputStream().transferTo(client.getOutputStream());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
