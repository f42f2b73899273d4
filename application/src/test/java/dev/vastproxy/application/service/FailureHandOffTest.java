package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vastproxy.application.port.in.BackendFailure;
import dev.vastproxy.application.support.HeldFleetLock;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.QueueLimit;
import dev.vastproxy.domain.routing.RoundRobinPolicy;
import dev.vastproxy.domain.routing.RouteSelector;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failure reported on an IO thread never waits for the fleet's lock: the fleet thread acts. */
class FailureHandOffTest {
  private static final InstanceId ONE = new InstanceId(1);
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(T0);
  private final Fleet fleet = new Fleet();
  private final ExecutorService fleetThread = Executors.newSingleThreadExecutor();
  private final RoutingService routing =
      new RoutingService(
          fleet,
          new RouteSelector(new RoundRobinPolicy(), 32),
          new RequestStatistics(clock),
          new KnownModels(clock),
          clock,
          QueueLimit.OFF,
          fleetThread);

  @AfterEach
  void stopThreads() {
    fleetThread.shutdownNow();
  }

  private void healthy() {
    fleet.update(
        f ->
            f.withBackends(
                List.of(
                    Backend.discovered(Instances.runningVllm(1).build(), Transport.DIRECT, T0)
                        .markHealthy(Cards.of("a"), T0))));
  }

  private BackendState state() {
    return fleet.snapshot().backend(ONE).orElseThrow().state();
  }

  /** Runs what the fleet thread was given so far, and returns once it has. */
  private void awaitFleetThread() throws Exception {
    fleetThread.submit(() -> {}).get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aReportReturnsWhileAnotherThreadHoldsTheFleetLock() throws Exception {
    healthy();
    HeldFleetLock lock = HeldFleetLock.on(fleet, LONG_ENOUGH);

    assertTimeoutPreemptively(
        LONG_ENOUGH,
        () -> routing.reportFailure(ONE, BackendFailure.unreachable("connection refused")));
    assertThat(state()).isEqualTo(BackendState.HEALTHY);

    lock.close();
    awaitFleetThread();
    assertThat(state()).isEqualTo(BackendState.UNHEALTHY);
  }

  @Test
  void theFailureWindowStillCountsOnTheReportingThread() throws Exception {
    healthy();
    BackendFailure reset = BackendFailure.requestFailed("connection reset");

    routing.reportFailure(ONE, reset);
    routing.reportFailure(ONE, reset);
    awaitFleetThread();
    assertThat(state()).isEqualTo(BackendState.HEALTHY);

    routing.reportFailure(ONE, reset);
    awaitFleetThread();
    assertThat(state()).isEqualTo(BackendState.UNHEALTHY);
  }

  @Test
  void aReportAfterTheFleetThreadStoppedIsDropped() throws Exception {
    healthy();
    fleetThread.shutdown();

    routing.reportFailure(ONE, BackendFailure.unreachable("connection refused"));

    assertThat(fleetThread.awaitTermination(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(state()).isEqualTo(BackendState.HEALTHY);
  }
}
