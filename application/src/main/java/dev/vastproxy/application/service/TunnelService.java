package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.CloseTunnelPort;
import dev.vastproxy.application.port.out.OpenTunnelPort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * For the {@code ssh-tunnel} transport: opens an SSH forward for each backend that has none, gives
 * the backend the forward's local endpoint, and closes the forward once the backend is gone (or
 * removed and idle).
 */
public final class TunnelService implements FleetLoop {
  private static final System.Logger LOG = System.getLogger(TunnelService.class.getName());

  /** How long to wait after a failed attempt before the next. */
  static final Duration RETRY = Duration.ofSeconds(10);

  private final Fleet fleet;
  private final OpenTunnelPort opener;
  private final CloseTunnelPort closer;
  private final Executor worker;
  private final Clock clock;
  private final Ticker ticker;
  private final BackendSchedules schedules = new BackendSchedules();
  private final Set<InstanceId> open = ConcurrentHashMap.newKeySet();

  public TunnelService(
      Fleet fleet,
      OpenTunnelPort opener,
      CloseTunnelPort closer,
      ScheduleTaskPort scheduler,
      Executor worker,
      Clock clock) {
    this.fleet = fleet;
    this.opener = opener;
    this.closer = closer;
    this.worker = worker;
    this.clock = clock;
    this.ticker = new Ticker(scheduler, Duration.ofSeconds(1), this::tick);
  }

  /** Starts opening tunnels. */
  @Override
  public void start() {
    ticker.start();
  }

  /** Stops and closes every tunnel. */
  @Override
  public void stop() {
    ticker.stop();
    for (InstanceId id : Set.copyOf(open)) {
      close(id);
    }
  }

  void tick() {
    FleetSnapshot snapshot = fleet.snapshot();
    for (InstanceId id : Set.copyOf(open)) {
      Optional<Backend> backend = snapshot.backend(id);
      if (backend.isEmpty()
          || (backend.get().state() == BackendState.REMOVING
              && backend.get().load().inFlight() == 0)) {
        close(id);
      }
    }
    schedules.startDue(
        snapshot,
        clock.instant(),
        backend -> backend.transport() == Transport.SSH_TUNNEL && backend.endpoint().isEmpty(),
        (backend, slot) -> {
          try {
            worker.execute(() -> openFor(backend, slot));
          } catch (RejectedExecutionException e) {
            slot.finish(clock.instant().plus(RETRY));
          }
        });
  }

  private void openFor(Backend backend, BackendSchedules.Slot slot) {
    Instant retryAt = clock.instant().plus(RETRY);
    try {
      Endpoint local = opener.openTunnel(backend.instance(), backend.containerPort());
      open.add(backend.id());
      fleet.updateBackend(
          backend.id(),
          current -> slot.owns(current) ? current.withEndpoint(Optional.of(local)) : current);
      LOG.log(Level.INFO, "SSH tunnel to {0} listens on {1}", backend.id(), local);
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "no SSH tunnel to {0} yet: {1}; retrying in {2}s",
          backend.id(),
          e.getMessage(),
          RETRY.toSeconds());
    } finally {
      slot.finish(retryAt);
    }
  }

  private void close(InstanceId id) {
    open.remove(id);
    closer.closeTunnel(id);
  }
}
