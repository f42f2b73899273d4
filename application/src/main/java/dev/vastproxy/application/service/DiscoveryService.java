package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.fleet.Reconciliation;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Polls vast.ai for the account's instances and reconciles the fleet with each listing. A failed
 * poll never removes backends: the last known fleet stays, the failure is recorded as the fleet's
 * problem, and polling backs off with jitter.
 */
public final class DiscoveryService {
  private static final System.Logger LOG = System.getLogger(DiscoveryService.class.getName());

  /** The longest wait between polls while vast.ai keeps failing. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final Fleet fleet;
  private final ListInstancesPort instances;
  private final ScheduleTaskPort scheduler;
  private final Executor worker;
  private final Clock clock;
  private final Duration interval;
  private final Transport transport;
  private final RandomGenerator random;

  private volatile boolean running;
  private volatile ScheduleTaskPort.Cancellable next = () -> {};
  private int failures;
  private Instant failingSince = Instant.EPOCH;

  /**
   * @param worker runs the (blocking) polls, one at a time
   * @param interval the time between successful polls
   * @param random draws the backoff jitter
   */
  public DiscoveryService(
      Fleet fleet,
      ListInstancesPort instances,
      ScheduleTaskPort scheduler,
      Executor worker,
      Clock clock,
      Duration interval,
      Transport transport,
      RandomGenerator random) {
    this.fleet = fleet;
    this.instances = instances;
    this.scheduler = scheduler;
    this.worker = worker;
    this.clock = clock;
    this.interval = requirePositive(interval);
    this.transport = Objects.requireNonNull(transport, "transport");
    this.random = random;
  }

  /** Polls now, then every interval. */
  public void start() {
    running = true;
    scheduleNext(Duration.ZERO);
  }

  /** Stops polling; a poll under way finishes. */
  public void stop() {
    running = false;
    next.cancel();
  }

  /**
   * Lists the instances once and reconciles the fleet.
   *
   * @return how long to wait before the next poll
   */
  public Duration pollOnce() {
    try {
      InstanceListing listing = instances.listInstances();
      for (String row : listing.skippedRows()) {
        LOG.log(Level.WARNING, "skipped a malformed instance row from vast.ai: {0}", row);
      }
      Instant now = clock.instant();
      fleet.update(current -> Reconciliation.apply(current, listing.instances(), transport, now));
      if (failures > 0) {
        LOG.log(Level.INFO, "vast.ai answers again after {0} failed polls", failures);
      }
      failures = 0;
      return interval;
    } catch (VastApiException e) {
      return failed(e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "listing vast.ai instances failed unexpectedly", e);
      return failed(VastApiException.Kind.MALFORMED, "unexpected " + e.getClass().getSimpleName());
    }
  }

  private Duration failed(VastApiException.Kind kind, String reason) {
    Instant now = clock.instant();
    if (failures == 0) {
      failingSince = now;
    }
    failures++;
    Duration delay = backoff(failures);
    boolean authentication = kind == VastApiException.Kind.AUTHENTICATION;
    String message =
        authentication
            ? "vast.ai: invalid API key (check VAST_API_KEY)"
            : "vast.ai: "
                + reason
                + "; keeping the last known fleet, retrying in "
                + delay.toSeconds()
                + "s";
    FleetProblem problem = new FleetProblem(message, failingSince, failures, authentication);
    fleet.update(
        current -> Reconciliation.forgetExpired(current, now).withProblem(Optional.of(problem)));
    LOG.log(authentication ? Level.ERROR : Level.WARNING, message);
    return delay;
  }

  /** Exponential backoff with equal jitter: half the step fixed, half drawn at random. */
  Duration backoff(int failuresInARow) {
    long cap = Math.max(MAX_BACKOFF.toMillis(), interval.toMillis());
    long step = interval.toMillis() << Math.min(failuresInARow, 20);
    long base = Math.min(step <= 0 ? cap : step, cap);
    long half = base / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (base - half)));
  }

  private void scheduleNext(Duration delay) {
    if (running) {
      next = scheduler.schedule(delay, () -> worker.execute(this::pollAndReschedule));
    }
  }

  private void pollAndReschedule() {
    if (running) {
      scheduleNext(pollOnce());
    }
  }

  private static Duration requirePositive(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + interval);
    }
    return interval;
  }
}
