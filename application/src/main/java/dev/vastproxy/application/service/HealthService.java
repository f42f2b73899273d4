package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.ProbeBackendPort;
import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Health-checks every backend: healthy ones every health interval, the others every second so that
 * a freshly loaded engine takes traffic within about a second. At most one probe per backend is in
 * flight, and probes are asynchronous, so a slow backend delays nobody else. A probe's answer
 * arrives on an HTTP IO thread, which must never wait for the fleet's lock: the fleet change is
 * handed to the fleet's own thread.
 */
public final class HealthService implements FleetLoop {
  /** How often the schedule is looked at. */
  static final Duration TICK = Duration.ofMillis(250);

  /** How often a backend that is not healthy is probed. */
  static final Duration RETRY = Duration.ofSeconds(1);

  private final Fleet fleet;
  private final ProbeBackendPort probes;
  private final Clock clock;
  private final Duration healthyInterval;
  private final Ticker ticker;
  private final Executor fleetWrites;
  private final BackendSchedules schedules = new BackendSchedules();

  /** Changes the fleet on the thread that completes each probe. */
  public HealthService(
      Fleet fleet,
      ProbeBackendPort probes,
      ScheduleTaskPort scheduler,
      Clock clock,
      Duration healthyInterval) {
    this(fleet, probes, scheduler, clock, healthyInterval, Runnable::run);
  }

  /**
   * @param fleetWrites the fleet's own thread, which records each probe's result
   */
  public HealthService(
      Fleet fleet,
      ProbeBackendPort probes,
      ScheduleTaskPort scheduler,
      Clock clock,
      Duration healthyInterval,
      Executor fleetWrites) {
    this.fleet = fleet;
    this.probes = probes;
    this.clock = clock;
    this.healthyInterval = healthyInterval;
    this.ticker = new Ticker(scheduler, TICK, this::tick);
    this.fleetWrites = fleetWrites;
  }

  /** Starts probing. */
  @Override
  public void start() {
    ticker.start();
  }

  /** Stops starting probes; those in flight finish. */
  @Override
  public void stop() {
    ticker.stop();
  }

  /** Starts the probes that are due. */
  void tick() {
    schedules.startDue(
        fleet.snapshot(),
        clock.instant(),
        backend -> backend.endpoint().isPresent(),
        (backend, slot) -> launch(backend.id(), backend.endpoint().get(), slot, clock.instant()));
  }

  private void launch(
      InstanceId id, Endpoint endpoint, BackendSchedules.Slot schedule, Instant now) {
    fleet.updateBackend(
        id, current -> schedule.owns(current) ? current.startConnecting(now) : current);
    CompletionStage<ProbeResult> probe;
    try {
      probe = probes.probe(id, endpoint);
    } catch (RuntimeException e) {
      probe = CompletableFuture.completedFuture(new ProbeResult.Failed(e.toString()));
    }
    probe.whenCompleteAsync(
        (result, error) ->
            finish(id, schedule, error == null ? result : new ProbeResult.Failed(error.toString())),
        this::handOff);
  }

  /** Runs on the fleet's thread; once that has stopped, nothing is recorded any more. */
  private void handOff(Runnable task) {
    try {
      fleetWrites.execute(task);
    } catch (RejectedExecutionException e) {
      // The proxy is stopping.
    }
  }

  /** Why a probe that neither found the backend healthy nor was redirected failed. */
  private static StateReason reason(ProbeResult result) {
    if (result instanceof ProbeResult.Failed failed) {
      return failed.reason();
    }
    return StateReason.of(StateReason.Cause.PLACEHOLDER, ((ProbeResult.Loading) result).reason());
  }

  private void finish(InstanceId id, BackendSchedules.Slot schedule, ProbeResult result) {
    Instant now = clock.instant();
    Duration wait = RETRY;
    try {
      if (result instanceof ProbeResult.Healthy healthy) {
        wait = healthyInterval;
        fleet.updateBackend(
            id,
            current ->
                schedule.owns(current) ? current.markHealthy(healthy.models(), now) : current);
      } else if (result instanceof ProbeResult.RedirectedToHttps) {
        wait = Duration.ZERO;
        fleet.updateBackend(
            id,
            current ->
                schedule.owns(current)
                    ? current.withEndpoint(
                        current.endpoint().map(endpoint -> endpoint.withScheme(Scheme.HTTPS)))
                    : current);
      } else {
        StateReason why = reason(result);
        fleet.updateBackend(
            id, current -> schedule.owns(current) ? current.markFailed(now, why) : current);
      }
    } finally {
      schedule.finish(now.plus(wait));
    }
  }
}
