package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.backend.SshPath;
import net.schmizz.sshj.SSHClient;

/**
 * One logged-in SSH client, shared by its leases. Once retired it takes no new leases and closes
 * when the last one ends, so that a swap of paths cuts nothing off.
 */
final class SharedSession {
  private final SSHClient client;
  private final SshPath path;
  private int leases;
  private boolean retired;
  private boolean closed;

  SharedSession(SSHClient client, SshPath path) {
    this.client = client;
    this.path = path;
  }

  SSHClient client() {
    return client;
  }

  SshPath path() {
    return path;
  }

  /** Whether the transport still runs and the login holds. */
  boolean isAlive() {
    return client.isConnected() && client.isAuthenticated();
  }

  /** Counts one more user. */
  synchronized void acquire() {
    leases++;
  }

  /** Whether anyone uses it now. */
  synchronized boolean inUse() {
    return leases > 0;
  }

  /** One user is done; closes it if it was retired and this was the last. */
  void release() {
    boolean close;
    synchronized (this) {
      leases--;
      close = retired && leases == 0 && !closed;
      closed |= close;
    }
    if (close) {
      SshjConnector.quietlyClose(client);
    }
  }

  /** Takes no new users; closes once the current ones are done. */
  void retire() {
    boolean close;
    synchronized (this) {
      retired = true;
      close = leases == 0 && !closed;
      closed |= close;
    }
    if (close) {
      SshjConnector.quietlyClose(client);
    }
  }

  /** Closes it now, whoever uses it (shut-down). */
  void closeNow() {
    synchronized (this) {
      retired = true;
      closed = true;
    }
    SshjConnector.quietlyClose(client);
  }
}
