package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.GpuProbe;
import dev.vastproxy.application.port.out.ReadGpuMetricsPort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.GpuTelemetry;
import dev.vastproxy.domain.fleet.Fleet;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads every enrolled backend's GPUs once per health interval, at most one probe per backend at a
 * time, on a bounded pool so that a large fleet cannot exhaust threads. Best effort: a failed probe
 * keeps the last readings and never touches routing.
 */
public final class GpuMetricsService implements FleetLoop {
  private static final System.Logger LOG = System.getLogger(GpuMetricsService.class.getName());

  private final Fleet fleet;
  private final ReadGpuMetricsPort gpus;
  private final Executor pool;
  private final Clock clock;
  private final Duration interval;
  private final Ticker ticker;
  private final BackendSchedules schedules = new BackendSchedules();

  /**
   * @param pool runs the blocking probes; bounded, with a FIFO queue so none starves
   * @param interval time between the end of one probe of a backend and the start of the next
   */
  public GpuMetricsService(
      Fleet fleet,
      ReadGpuMetricsPort gpus,
      ScheduleTaskPort scheduler,
      Executor pool,
      Clock clock,
      Duration interval) {
    this.fleet = fleet;
    this.gpus = gpus;
    this.pool = pool;
    this.clock = clock;
    this.interval = interval;
    this.ticker = new Ticker(scheduler, HealthService.TICK, this::tick);
  }

  /** Starts probing. */
  @Override
  public void start() {
    ticker.start();
  }

  /** Stops starting probes. */
  @Override
  public void stop() {
    ticker.stop();
  }

  void tick() {
    schedules.startDue(
        fleet.snapshot(),
        clock.instant(),
        backend -> true,
        (backend, slot) -> {
          try {
            pool.execute(() -> probe(backend, slot));
          } catch (RejectedExecutionException e) {
            slot.finish(clock.instant().plus(interval));
          }
        });
  }

  private void probe(Backend backend, BackendSchedules.Slot slot) {
    GpuProbe probe;
    try {
      probe = gpus.readGpus(backend.instance());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "GPU probe of " + backend.id() + " failed unexpectedly", e);
      probe = GpuProbe.failed(e.getClass().getSimpleName(), backend.gpu().path());
    }
    Instant now = clock.instant();
    GpuProbe result = probe;
    try {
      fleet.updateBackend(
          backend.id(),
          current -> {
            if (!slot.owns(current)) {
              return current;
            }
            GpuTelemetry telemetry =
                result.problem().isEmpty()
                    ? GpuTelemetry.read(result.readings(), now, result.path())
                    : current.gpu().failed(result.problem().get(), result.path());
            return current.withGpu(telemetry);
          });
    } finally {
      slot.finish(now.plus(interval));
    }
  }
}
