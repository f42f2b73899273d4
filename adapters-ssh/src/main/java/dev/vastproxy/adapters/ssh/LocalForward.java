package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.instance.Instance;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * One instance's SSH forward: a listener on a random loopback port whose connections go to {@code
 * 127.0.0.1:<container port>} inside the instance. Each connection leases the instance's current
 * session, so the forward outlives broken sessions and path swaps with the same local port.
 */
final class LocalForward implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LocalForward.class.getName());

  /** The pause after a failed accept (e.g. no file descriptors left) before the next. */
  private static final Duration ACCEPT_RETRY = Duration.ofMillis(100);

  private final ServerSocket listener;
  private final int containerPort;
  private final SshSessions sessions;
  private final ExecutorService threads;
  private final Set<ForwardedConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile Instance instance;
  private volatile boolean closed;

  private LocalForward(
      ServerSocket listener,
      Instance instance,
      int containerPort,
      SshSessions sessions,
      ExecutorService threads) {
    this.listener = listener;
    this.instance = instance;
    this.containerPort = containerPort;
    this.sessions = sessions;
    this.threads = threads;
  }

  /** Binds a random loopback port and starts accepting on one of {@code threads}. */
  static LocalForward open(
      Instance instance, int containerPort, SshSessions sessions, ExecutorService threads)
      throws IOException {
    ServerSocket listener = new ServerSocket();
    try {
      listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      LocalForward forward = new LocalForward(listener, instance, containerPort, sessions, threads);
      threads.execute(forward::acceptLoop);
      return forward;
    } catch (IOException | RejectedExecutionException e) {
      listener.close();
      throw e instanceof IOException io ? io : new IOException("SSH tunnels are shut down", e);
    }
  }

  /** The local port clients connect to. */
  int localPort() {
    return listener.getLocalPort();
  }

  /** The port inside the instance that connections reach. */
  int containerPort() {
    return containerPort;
  }

  /** Whether it still accepts connections. */
  boolean isOpen() {
    return !closed && !listener.isClosed();
  }

  /** Uses the instance's latest description (addresses) for new connections. */
  void update(Instance latest) {
    instance = latest;
  }

  /** Stops accepting, frees the local port and ends every relayed connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // The port is released either way.
    }
    connections.forEach(ForwardedConnection::close);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (closed || listener.isClosed()) {
          return;
        }
        // E.g. out of file descriptors: keep the port and try again shortly.
        LOG.log(
            Level.WARNING,
            "SSH tunnel to instance {0} could not accept a connection: {1}",
            instance.id(),
            e.getMessage());
        if (!pause()) {
          return;
        }
        continue;
      }
      ForwardedConnection connection =
          new ForwardedConnection(socket, instance, containerPort, sessions);
      connections.add(connection);
      try {
        threads.execute(
            () -> {
              try {
                connection.run(threads);
              } finally {
                connections.remove(connection);
              }
            });
      } catch (RejectedExecutionException e) {
        connections.remove(connection);
        connection.close();
      }
      if (closed) {
        connection.close();
      }
    }
  }

  private static boolean pause() {
    try {
      Thread.sleep(ACCEPT_RETRY.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
