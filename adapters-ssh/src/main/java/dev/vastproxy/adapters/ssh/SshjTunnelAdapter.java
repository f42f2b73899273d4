package dev.vastproxy.adapters.ssh;

import dev.vastproxy.application.port.out.CloseTunnelPort;
import dev.vastproxy.application.port.out.OpenTunnelPort;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.PortNumber;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code ssh-tunnel} transport (behaviour.md §3): per instance, a local loopback port forwarded
 * over the instance's shared SSH session to {@code 127.0.0.1:<container port>} inside it. Close it
 * on shut-down.
 */
public final class SshjTunnelAdapter implements OpenTunnelPort, CloseTunnelPort, AutoCloseable {
  private static final String LOCALHOST = "127.0.0.1";

  private final SshSessions sessions;
  private final ExecutorService threads;
  private final Map<InstanceId, LocalForward> forwards = new ConcurrentHashMap<>();

  /**
   * @param sessions the fleet's SSH sessions, shared with the GPU probes
   */
  public SshjTunnelAdapter(SshSessions sessions) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "ssh-tunnel-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public Endpoint openTunnel(Instance instance, int containerPort) throws IOException {
    Objects.requireNonNull(instance, "instance");
    PortNumber.require(containerPort, "containerPort");
    LocalForward existing = forwards.get(instance.id());
    if (existing != null && existing.isOpen() && existing.containerPort() == containerPort) {
      existing.update(instance);
      return endpoint(existing, instance);
    }
    try {
      sessions.lease(instance, false).close();
    } catch (SshUnavailableException e) {
      throw new IOException(e.getMessage(), e);
    }
    LocalForward created = LocalForward.open(instance, containerPort, sessions, threads);
    List<LocalForward> discarded = new ArrayList<>(1);
    LocalForward kept =
        forwards.compute(
            instance.id(),
            (id, old) -> {
              if (old != null && old.isOpen() && old.containerPort() == containerPort) {
                discarded.add(created);
                return old;
              }
              if (old != null) {
                discarded.add(old);
              }
              return created;
            });
    discarded.forEach(LocalForward::close);
    return endpoint(kept, instance);
  }

  @Override
  public void closeTunnel(InstanceId id) {
    LocalForward forward = forwards.remove(id);
    if (forward != null) {
      forward.close();
    }
  }

  /** The forward of an instance now, if there is one (for tests that watch it close). */
  Optional<LocalForward> forwardOf(InstanceId id) {
    return Optional.ofNullable(forwards.get(id));
  }

  /** Closes every forward and stops the relay threads. */
  @Override
  public void close() {
    for (InstanceId id : List.copyOf(forwards.keySet())) {
      closeTunnel(id);
    }
    threads.shutdownNow();
  }

  private static Endpoint endpoint(LocalForward forward, Instance instance) {
    return new Endpoint(Scheme.HTTP, LOCALHOST, forward.localPort(), instance.bearerToken());
  }
}
