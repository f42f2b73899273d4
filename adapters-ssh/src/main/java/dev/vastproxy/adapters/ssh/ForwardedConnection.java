package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.instance.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

/**
 * One local connection of a forward, relayed both ways over a {@code direct-tcpip} channel of the
 * instance's SSH session. A session found broken when the channel opens is rebuilt at once.
 */
final class ForwardedConnection {
  private static final System.Logger LOG = System.getLogger(ForwardedConnection.class.getName());
  private static final String LOOPBACK = "127.0.0.1";
  private static final int BUFFER = 16 * 1024;

  private final Socket socket;
  private final Instance instance;
  private final int containerPort;
  private final SshSessions sessions;
  private volatile DirectConnection channel;
  private volatile boolean closed;

  ForwardedConnection(Socket socket, Instance instance, int containerPort, SshSessions sessions) {
    this.socket = socket;
    this.instance = instance;
    this.containerPort = containerPort;
    this.sessions = sessions;
  }

  /** Relays until either side ends; uses one more thread of {@code pumps} for the other way. */
  void run(Executor pumps) {
    SshLease lease = null;
    try {
      lease = openChannel();
      DirectConnection opened = channel;
      pumps.execute(() -> upstream(opened));
      copy(opened.getInputStream(), socket.getOutputStream());
    } catch (SshUnavailableException | IOException | RejectedExecutionException e) {
      if (!closed) {
        LOG.log(
            Level.DEBUG,
            "forwarded connection to instance {0} ended: {1}",
            instance.id(),
            e.getMessage());
      }
    } finally {
      closeQuietly();
      if (lease != null) {
        lease.close();
      }
    }
  }

  /** Stops relaying: closes the local socket and wakes the reader of the channel. */
  void close() {
    closed = true;
    quietly(socket);
    DirectConnection opened = channel;
    if (opened != null) {
      try {
        opened.getInputStream().close();
      } catch (IOException ignored) {
        // Marking the end of a channel's input does not fail.
      }
    }
  }

  private SshLease openChannel() throws SshUnavailableException, IOException {
    for (int attempt = 1; ; attempt++) {
      SshLease lease = sessions.lease(instance, false);
      try {
        channel = lease.client().newDirectConnection(LOOPBACK, containerPort);
        if (closed) {
          throw new IOException("forward closed");
        }
        return lease;
      } catch (IOException | IllegalStateException e) {
        // SSHJ says "not connected (any more)" with an IllegalStateException.
        boolean broken = !(e instanceof IOException io) || lease.brokenBy(io);
        if (broken) {
          lease.broken();
        }
        lease.close();
        if (!broken || attempt == 2) {
          throw e instanceof IOException io ? io : new IOException("SSH session broke", e);
        }
      }
    }
  }

  private void upstream(DirectConnection opened) {
    try (OutputStream toInstance = opened.getOutputStream()) {
      copy(socket.getInputStream(), toInstance);
    } catch (IOException e) {
      // The other way notices and closes both ends.
    }
  }

  private static void copy(InputStream from, OutputStream to) throws IOException {
    byte[] buffer = new byte[BUFFER];
    int n;
    while ((n = from.read(buffer)) >= 0) {
      if (n > 0) {
        to.write(buffer, 0, n);
        to.flush();
      }
    }
  }

  private void closeQuietly() {
    quietly(socket);
    DirectConnection opened = channel;
    if (opened != null) {
      try {
        opened.close();
      } catch (IOException | RuntimeException ignored) {
        // The channel is gone either way.
      }
    }
  }

  private static void quietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }
}
