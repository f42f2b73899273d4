package dev.vastproxy.adapters.ssh;

import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SSH sessions to the fleet, one per instance, shared by GPU probes and SSH tunnels: reused
 * while they work, rebuilt when they break, paced by back-off after failures, closed when idle.
 * Close it on shut-down.
 */
public final class SshSessions implements AutoCloseable {
  /** The reason leases fail after {@link #close()}. */
  static final String SHUT_DOWN = "SSH is shut down";

  private final SshKeys keys;
  private final SshSettings settings;
  private final Clock clock;
  private final SshjConnector connector;
  private final Map<InstanceId, InstanceLink> links = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> nextSweep;
  private volatile boolean closed;

  /**
   * @param keys the keys to log in with; without any, every lease fails fast with the reason
   * @param hostKeys the trust-on-first-use store of host keys
   * @param settings timeouts and pacing ({@link SshSettings#defaults()} in production)
   * @param clock the time source for back-off, the direct re-try and idle closing
   */
  public SshSessions(
      SshKeys keys, TrustOnFirstUseHostKeys hostKeys, SshSettings settings, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.connector =
        new SshjConnector(keys, Objects.requireNonNull(hostKeys, "hostKeys"), settings);
    this.nextSweep = new AtomicReference<>(clock.instant().plus(settings.idleClose()));
  }

  /** The settings in force. */
  public SshSettings settings() {
    return settings;
  }

  /** How many instances have SSH state now (sessions or back-off). */
  public int size() {
    return links.size();
  }

  /**
   * Leases the instance's session, connecting or reconnecting as needed; close the lease after use.
   *
   * @param tryDirect whether this caller may spend a connect timeout on re-trying the direct path
   *     while on the proxy (probes may; forwarded connections should not wait for it)
   * @throws SshUnavailableException with a readable reason when SSH cannot be used now
   */
  SshLease lease(Instance instance, boolean tryDirect) throws SshUnavailableException {
    Objects.requireNonNull(instance, "instance");
    Optional<String> keyProblem = keys.problem();
    if (keyProblem.isPresent()) {
      throw new SshUnavailableException(keyProblem.get(), SshPath.NONE);
    }
    closeIdle();
    while (true) {
      if (closed) {
        throw new SshUnavailableException(SHUT_DOWN, SshPath.NONE);
      }
      InstanceLink link =
          links.computeIfAbsent(
              instance.id(), id -> new InstanceLink(id, connector, settings, clock));
      Optional<SshLease> lease = link.lease(instance, tryDirect);
      if (lease.isPresent()) {
        return lease.get();
      }
      links.remove(instance.id(), link);
    }
  }

  /** Closes every session now. */
  @Override
  public void close() {
    closed = true;
    for (InstanceLink link : links.values()) {
      link.closeNow();
    }
    links.clear();
  }

  /** Now and then, closes the sessions of instances nobody asked about for a while. */
  private void closeIdle() {
    Instant now = clock.instant();
    Instant due = nextSweep.get();
    if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(settings.idleClose()))) {
      return;
    }
    Instant idleSince = now.minus(settings.idleClose());
    for (Map.Entry<InstanceId, InstanceLink> entry : links.entrySet()) {
      InstanceLink link = entry.getValue();
      if (link.maybeIdle(idleSince) && link.retireIfIdle(idleSince)) {
        links.remove(entry.getKey(), link);
      }
    }
  }
}
