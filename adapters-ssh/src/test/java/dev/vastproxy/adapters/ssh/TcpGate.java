package dev.vastproxy.adapters.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that stays bound while a test opens and shuts it: OPEN relays to a target port,
 * SHUT hangs up at once (the peer sees its connection closed), SILENT accepts and never says a
 * word.
 */
final class TcpGate implements AutoCloseable {
  enum Mode {
    OPEN,
    SHUT,
    SILENT
  }

  private final ServerSocket listener;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile Mode mode;

  TcpGate(int target, Mode mode) throws IOException {
    this.target = target;
    this.mode = mode;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tcp-gate-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** How many connections came in. */
  int accepted() {
    return accepted.get();
  }

  void mode(Mode value) {
    mode = value;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        accepted.incrementAndGet();
        switch (mode) {
          case SHUT -> client.close();
          case SILENT -> {}
          case OPEN -> relay(client);
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private void relay(Socket client) throws IOException {
    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
    sockets.add(server);
    pump(client, server);
    pump(server, client);
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException ignored) {
                // One side went away; the finally below closes both.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-gate-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    sockets.forEach(TcpGate::closeQuietly);
  }
}
