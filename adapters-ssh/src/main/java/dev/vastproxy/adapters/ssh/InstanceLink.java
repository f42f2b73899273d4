package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import net.schmizz.sshj.SSHClient;

/**
 * One instance's SSH state: the session and its path, the failure streak and its back-off, and the
 * periodic re-try of the direct path while on the proxy.
 */
final class InstanceLink {
  private static final System.Logger LOG = System.getLogger(InstanceLink.class.getName());

  /** How long shut-down waits for a link that is busy with something quick. */
  private static final Duration CLOSE_WAIT = Duration.ofMillis(200);

  private final InstanceId id;
  private final SshjConnector connector;
  private final SshSettings settings;
  private final Clock clock;

  private SharedSession current;
  private int failures;
  private Instant retryAt = Instant.MIN;
  private String lastFailure = "";
  private Instant nextDirectTry = Instant.MIN;
  private boolean upgrading;
  private volatile boolean retired;
  private SshPath announced = SshPath.NONE;
  private volatile Instant lastUsed;
  private final ReentrantLock lock = new ReentrantLock();

  InstanceLink(InstanceId id, SshjConnector connector, SshSettings settings, Clock clock) {
    this.id = id;
    this.connector = connector;
    this.settings = settings;
    this.clock = clock;
    this.lastUsed = clock.instant();
  }

  /**
   * Leases the session, connecting when there is none (direct first, then the proxy). While on the
   * proxy and {@code tryDirect}, re-tries direct when due, in the caller's thread, while others go
   * on using the proxy session.
   *
   * @return empty when this link was retired; ask the registry for a fresh one
   * @throws SshUnavailableException during back-off (fast, without connecting) or when every path
   *     failed
   */
  Optional<SshLease> lease(Instance instance, boolean tryDirect) throws SshUnavailableException {
    lock.lock();
    try {
      lastUsed = clock.instant();
      if (retired) {
        return Optional.empty();
      }
      if (current != null && !current.isAlive()) {
        LOG.log(Level.DEBUG, "SSH session to instance {0} broke; reconnecting", id);
        current.retire();
        current = null;
      }
      if (current == null) {
        return Optional.of(new SshLease(this, connect(instance)));
      }
      if (!tryDirect || !directDue(instance)) {
        return Optional.of(new SshLease(this, current));
      }
      upgrading = true;
    } finally {
      lock.unlock();
    }
    return upgrade(instance);
  }

  /** Drops a session that broke or misbehaved; with a reason, SSH backs off. */
  void drop(SharedSession session, Optional<String> reason) {
    session.retire();
    lock.lock();
    try {
      if (current == session) {
        current = null;
      }
      reason.ifPresent(this::recordFailure);
    } finally {
      lock.unlock();
    }
  }

  /** Retires the link if unused since {@code idleSince}; tells whether it did. */
  boolean retireIfIdle(Instant idleSince) {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      if (retired || lastUsed.isAfter(idleSince) || (current != null && current.inUse())) {
        return false;
      }
      retired = true;
      if (current != null) {
        current.retire();
        current = null;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the link may be idle: a cheap check without the lock. */
  boolean maybeIdle(Instant idleSince) {
    return !lastUsed.isAfter(idleSince);
  }

  /**
   * Closes the session now and takes no more leases. Does not wait for a connect in progress: that
   * one closes what it opened when it sees the link retired.
   */
  void closeNow() {
    retired = true;
    boolean locked;
    try {
      locked = lock.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!locked) {
      return;
    }
    try {
      if (current != null) {
        current.closeNow();
        current = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean directDue(Instance instance) {
    return current.path() == SshPath.PROXY
        && !upgrading
        && SshAddress.direct(instance).isPresent()
        && !clock.instant().isBefore(nextDirectTry);
  }

  /** Connects a new session; called with the lock held, so that one attempt runs at a time. */
  private SharedSession connect(Instance instance) throws SshUnavailableException {
    Instant now = clock.instant();
    if (now.isBefore(retryAt)) {
      throw new SshUnavailableException(
          lastFailure + "; next try in " + FailureReasons.seconds(between(now, retryAt)),
          SshPath.NONE);
    }
    List<SshAddress> addresses = SshAddress.of(instance);
    if (addresses.isEmpty()) {
      throw new SshUnavailableException(
          "instance " + id + " has no SSH address (no 22/tcp mapping, no ssh_host)", SshPath.NONE);
    }
    List<String> reasons = new ArrayList<>(addresses.size());
    for (SshAddress address : addresses) {
      try {
        SSHClient client = connector.connect(id, address);
        if (retired) {
          SshjConnector.quietlyClose(client);
          throw new SshUnavailableException(SshSessions.SHUT_DOWN, SshPath.NONE);
        }
        current = new SharedSession(client, address.path());
        connected(address.path());
        return current;
      } catch (SshUnavailableException e) {
        reasons.add(e.getMessage());
      }
    }
    recordFailure("SSH to instance " + id + " failed: " + String.join("; ", reasons));
    throw new SshUnavailableException(
        lastFailure + "; next try in " + FailureReasons.seconds(settings.backoffAfter(failures)),
        SshPath.NONE);
  }

  /** Tries the direct path while the proxy session goes on serving; swaps when it works. */
  private Optional<SshLease> upgrade(Instance instance) throws SshUnavailableException {
    SshAddress direct = SshAddress.direct(instance).orElseThrow();
    SSHClient client = null;
    try {
      client = connector.connect(id, direct);
    } catch (SshUnavailableException e) {
      LOG.log(Level.DEBUG, "SSH to instance {0} stays on the proxy: {1}", id, e.getMessage());
    }
    SharedSession stale = null;
    lock.lock();
    try {
      try {
        upgrading = false;
        nextDirectTry = clock.instant().plus(settings.directRetry());
        if (retired) {
          return Optional.empty();
        }
        if (client != null && (current == null || current.path() != SshPath.DIRECT)) {
          stale = current;
          current = new SharedSession(client, SshPath.DIRECT);
          client = null;
          connected(SshPath.DIRECT);
        }
        return Optional.of(new SshLease(this, current != null ? current : connect(instance)));
      } finally {
        lock.unlock();
      }
    } finally {
      if (stale != null) {
        stale.retire();
      }
      if (client != null) {
        SshjConnector.quietlyClose(client);
      }
    }
  }

  private void connected(SshPath path) {
    failures = 0;
    retryAt = Instant.MIN;
    if (path == SshPath.PROXY) {
      nextDirectTry = clock.instant().plus(settings.directRetry());
    }
    if (path != announced) {
      announced = path;
      LOG.log(Level.INFO, "SSH to instance {0}: {1} path", id, path);
    }
  }

  private void recordFailure(String reason) {
    failures++;
    Duration pause = settings.backoffAfter(failures);
    retryAt = clock.instant().plus(pause);
    lastFailure = reason;
    announced = SshPath.NONE;
    Level level = failures == 1 ? Level.INFO : Level.DEBUG;
    LOG.log(level, "{0}; next try in {1}", reason, FailureReasons.seconds(pause));
  }

  private static Duration between(Instant from, Instant to) {
    Duration left = Duration.between(from, to);
    long seconds = (left.toMillis() + 999) / 1000;
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
