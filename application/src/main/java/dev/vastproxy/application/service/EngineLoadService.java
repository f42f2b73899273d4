package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.EngineLoadResult;
import dev.vastproxy.application.port.out.ReadEngineLoadPort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.EngineSignals;
import dev.vastproxy.domain.load.LoadReading;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads every healthy backend's load from its engine once per load interval (a busy one whose time
 * per token is not known yet four times as often), concurrently, at most one read in flight per
 * backend; keeps each reading on the backend's live signals (no fleet update, so the fleet's lock
 * is never taken), forgets readings older than three intervals, and marks slow outliers among the
 * backends of each model.
 */
public final class EngineLoadService implements FleetLoop {
  private static final System.Logger LOG = System.getLogger(EngineLoadService.class.getName());

  /** Readings older than this many intervals are ignored: the engine may have changed a lot. */
  static final int STALE_AFTER_INTERVALS = 3;

  /**
   * How many times as often a backend is read while its engine runs requests and its time per token
   * is not known yet (its token counter has not been seen moving): until then least-load has only
   * request times, which depend on how long the answers were.
   */
  static final int LEARNING_SPEEDUP = 4;

  private final Fleet fleet;
  private final ReadEngineLoadPort engines;
  private final Clock clock;
  private final Duration interval;
  private final Ticker ticker;
  private final OutlierMarks outliers = new OutlierMarks();
  private final BackendSchedules schedules = new BackendSchedules();

  /**
   * @param interval time between the starts of two reads of one backend (1 s by default)
   */
  public EngineLoadService(
      Fleet fleet,
      ReadEngineLoadPort engines,
      ScheduleTaskPort scheduler,
      Clock clock,
      Duration interval) {
    this.fleet = fleet;
    this.engines = engines;
    this.clock = clock;
    this.interval = interval;
    Duration tick = interval.compareTo(HealthService.TICK) < 0 ? interval : HealthService.TICK;
    this.ticker = new Ticker(scheduler, tick, this::tick);
  }

  /** Starts reading. */
  @Override
  public void start() {
    ticker.start();
  }

  /** Stops starting reads; those in flight finish. */
  @Override
  public void stop() {
    ticker.stop();
  }

  /** Forgets stale readings, re-judges outliers and starts the reads that are due. */
  void tick() {
    FleetSnapshot snapshot = fleet.snapshot();
    Instant now = clock.instant();
    Instant staleBefore = now.minus(interval.multipliedBy(STALE_AFTER_INTERVALS));
    for (Backend backend : snapshot.backends()) {
      EngineSignals signals = backend.load().signals();
      Optional<LoadReading> reading = signals.reading();
      if (reading.isPresent() && reading.get().readAt().isBefore(staleBefore)) {
        signals.forget();
      }
    }
    outliers.mark(snapshot.routing());
    schedules.startDue(
        snapshot,
        now,
        Backend::isRoutable,
        EngineLoadService::learning,
        interval.dividedBy(LEARNING_SPEEDUP),
        (backend, slot) -> launch(backend, slot, clock.instant()));
  }

  private void launch(Backend backend, BackendSchedules.Slot slot, Instant startedAt) {
    long sentBefore = backend.load().started();
    int inFlightBefore = backend.load().inFlight();
    CompletionStage<EngineLoadResult> read;
    try {
      read = engines.readLoad(backend.id(), backend.engine(), backend.endpoint().orElseThrow());
    } catch (RuntimeException e) {
      read = CompletableFuture.completedFuture(new EngineLoadResult.NoSignal(e.toString()));
    }
    read.whenComplete(
        (result, error) ->
            finish(
                backend,
                slot,
                startedAt,
                sentBefore,
                inFlightBefore,
                error == null ? result : new EngineLoadResult.NoSignal(error.toString())));
  }

  private void finish(
      Backend backend,
      BackendSchedules.Slot slot,
      Instant startedAt,
      long sentBefore,
      int inFlightBefore,
      EngineLoadResult result) {
    try {
      EngineSignals signals = backend.load().signals();
      if (result instanceof EngineLoadResult.Reported reported) {
        EngineReport report = reported.report();
        signals.record(
            new LoadReading(
                report,
                startedAt,
                sentBefore,
                tokensPerSecond(signals.reading(), report, startedAt),
                inFlightBefore));
      } else {
        if (signals.reading().isPresent()) {
          LOG.log(
              Level.INFO,
              "backend {0} gives no load signal now ({1}); routing counts its requests in flight",
              backend.id(),
              ((EngineLoadResult.NoSignal) result).reason());
        }
        signals.forget();
      }
    } finally {
      slot.finish(startedAt.plus(interval));
    }
  }

  /**
   * Whether the backend's engine runs requests (this proxy's, or others' by its last reading) while
   * its time per token is not known yet, and its readings may show it (a token counter or
   * throughput gauge, or no reading yet): then it is read {@link #LEARNING_SPEEDUP} times as often,
   * from the first tick after traffic reaches it.
   */
  private static boolean learning(Backend backend) {
    EngineSignals signals = backend.load().signals();
    if (signals.perTokenNanos() > 0) {
      return false;
    }
    LoadReading latest = signals.latest();
    if (latest == null) {
      return backend.load().inFlight() > 0;
    }
    EngineReport report = latest.report();
    return (backend.load().inFlight() > 0 || report.requests() > 0)
        && (report.generatedTokens().isPresent() || report.tokensPerSecond().isPresent());
  }

  /**
   * Generated tokens per second between the previous reading and this one, from the engine's token
   * counter; the engine's own throughput gauge when the counter is missing or went back (a
   * restart).
   */
  static OptionalDouble tokensPerSecond(
      Optional<LoadReading> previous, EngineReport report, Instant now) {
    if (previous.isPresent()
        && report.generatedTokens().isPresent()
        && previous.get().report().generatedTokens().isPresent()) {
      double tokens =
          report.generatedTokens().getAsDouble()
              - previous.get().report().generatedTokens().getAsDouble();
      double seconds = Duration.between(previous.get().readAt(), now).toNanos() / 1e9;
      if (tokens >= 0 && seconds > 0) {
        return OptionalDouble.of(tokens / seconds);
      }
    }
    return report.tokensPerSecond();
  }
}
