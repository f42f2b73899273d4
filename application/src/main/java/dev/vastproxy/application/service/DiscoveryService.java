package dev.vastproxy.application.service;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.fleet.Reconciliation;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceSelection;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * Polls vast.ai for the account's instances and reconciles the fleet with each listing. A failed
 * poll never removes backends: the last known fleet stays, the failure is recorded as the fleet's
 * problem, and polling backs off with jitter. A poll still waiting after the API's answer timeout
 * is reported as "not answering" at once, not only when its retries finally give up.
 */
public final class DiscoveryService implements FleetLoop {
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
  private final Duration answerTimeout;
  private final SkippedRowLog skippedRows = new SkippedRowLog();
  private final List<ListingListener> listingListeners = new CopyOnWriteArrayList<>();
  private final List<AccountListener> accountListeners = new CopyOnWriteArrayList<>();
  private volatile InstanceSelection selection = InstanceSelection.all();

  private volatile boolean running;
  private volatile ScheduleTaskPort.Cancellable next = () -> {};
  // Written by the polling thread only; volatile because the not-answering check reads them.
  private volatile int failures;
  private volatile Instant failingSince = Instant.EPOCH;
  private volatile Optional<Poll> underWay = Optional.empty();

  /** One poll, compared by identity: the not-answering check acts only on the poll it watches. */
  private static final class Poll {
    private final Instant started;

    Poll(Instant started) {
      this.started = started;
    }
  }

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
    this.interval = requirePositive(interval, "poll interval");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.random = random;
    this.answerTimeout = requirePositive(instances.answerTimeout(), "answer timeout");
  }

  /** Adds a listener told of every successful listing (see {@link ListingListener}). */
  public void addListingListener(ListingListener listener) {
    listingListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Adds a listener told of every instance each successful listing named. */
  public void addAccountListener(AccountListener listener) {
    accountListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Enrols only the instances the selection matches (all by default). An instance whose owner (or
   * this proxy) asked it to stop is not enrolled either, though it may still list as running.
   */
  public void select(InstanceSelection chosen) {
    this.selection = Objects.requireNonNull(chosen, "selection");
  }

  /** Polls now, then every interval. */
  @Override
  public void start() {
    running = true;
    scheduleNext(Duration.ZERO);
  }

  /** Stops polling; a poll under way finishes. */
  @Override
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
    Poll poll = new Poll(clock.instant());
    try {
      InstanceListing listing = watched(poll);
      skippedRows.report(listing.skippedRows());
      tellAccountListeners(listing.instances(), poll.started);
      List<Instance> enrolled = enrolled(listing.instances());
      Instant now = clock.instant();
      FleetSnapshot after =
          fleet.update(current -> Reconciliation.apply(current, enrolled, transport, now));
      tellListingListeners(after, poll.started);
      if (failures > 0) {
        LOG.log(Level.INFO, "vast.ai answers again after {0} failed polls", failures);
      }
      failures = 0;
      return interval;
    } catch (VastApiException e) {
      return failed(poll, e.kind(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "listing vast.ai instances failed unexpectedly", e);
      return failed(
          poll, VastApiException.Kind.MALFORMED, "unexpected " + e.getClass().getSimpleName());
    }
  }

  private List<Instance> enrolled(List<Instance> listed) {
    InstanceSelection chosen = selection;
    return listed.stream()
        .filter(chosen::matches)
        .filter(instance -> !instance.rental().intendedStatus().equals("stopped"))
        .toList();
  }

  private void tellAccountListeners(List<Instance> listed, Instant requested) {
    for (AccountListener listener : accountListeners) {
      try {
        listener.accountListed(listed, requested);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "an account listener failed", e);
      }
    }
  }

  private void tellListingListeners(FleetSnapshot after, Instant requested) {
    for (ListingListener listener : listingListeners) {
      try {
        listener.listed(after, requested);
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "a listing listener failed", e);
      }
    }
  }

  /** Lists the instances, with a check that reports the API as not answering if it takes long. */
  private InstanceListing watched(Poll poll) throws VastApiException {
    underWay = Optional.of(poll);
    ScheduleTaskPort.Cancellable check =
        scheduler.schedule(answerTimeout, () -> reportNotAnswering(poll));
    try {
      return instances.listInstances();
    } finally {
      // Cleared before the outcome is applied, so a late check cannot outlive the poll's result.
      underWay = Optional.empty();
      check.cancel();
    }
  }

  /** Runs on the scheduler's thread once the poll has waited past the answer timeout. */
  private void reportNotAnswering(Poll poll) {
    String message =
        "vast.ai: API not answering (no reply within the "
            + text(answerTimeout)
            + " timeout); keeping the last known fleet";
    AtomicBoolean reported = new AtomicBoolean();
    fleet.update(
        current -> {
          // Under the fleet's lock: a poll that ended meanwhile has applied (or is about to
          // apply) its own outcome, which must win.
          if (underWay.orElse(null) != poll) {
            return current;
          }
          reported.set(true);
          int failing = failures;
          Instant since = failing == 0 ? poll.started : failingSince;
          FleetProblem problem =
              new FleetProblem(message, since, failing + 1, false, Optional.of(poll.started));
          return current.withProblem(Optional.of(problem));
        });
    if (reported.get()) {
      LOG.log(Level.WARNING, message);
    }
  }

  private Duration failed(Poll poll, VastApiException.Kind kind, String reason) {
    Instant now = clock.instant();
    if (failures == 0) {
      // The run of failures began with this poll, as a not-answering report of it already said.
      failingSince = poll.started;
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

  private static Duration requirePositive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
    return duration;
  }

  /** A timeout for a message: whole seconds as {@code 30s}, anything shorter in milliseconds. */
  private static String text(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }
}
