package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.backend.SshPath;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;

/** One use of an instance's SSH session (a probe, a forwarded connection); close it when done. */
final class SshLease implements AutoCloseable {
  private final InstanceLink link;
  private final SharedSession session;
  private final AtomicBoolean released = new AtomicBoolean();

  SshLease(InstanceLink link, SharedSession session) {
    this.link = link;
    this.session = session;
    session.acquire();
  }

  /** The logged-in client. */
  SSHClient client() {
    return session.client();
  }

  /** Which path the session takes. */
  SshPath path() {
    return session.path();
  }

  /** Whether the session still works. */
  boolean sessionAlive() {
    return session.isAlive();
  }

  /** Whether a failure in using the session means that the session is gone. */
  boolean brokenBy(IOException failure) {
    return !session.isAlive() || FailureReasons.brokenTransport(failure);
  }

  /** The session stopped working: it is dropped and the next lease connects anew at once. */
  void broken() {
    link.drop(session, Optional.empty());
  }

  /** The session misbehaved (e.g. a command hung): it is dropped and SSH backs off. */
  void failed(String reason) {
    link.drop(session, Optional.of(reason));
  }

  /** Ends this use; the session stays open for the next. */
  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      session.release();
    }
  }
}
