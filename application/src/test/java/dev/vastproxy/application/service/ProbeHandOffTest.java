package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.application.support.HeldFleetLock;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.Reconciliation;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A probe's answer completes on an IO thread, which never waits for the fleet's lock. */
class ProbeHandOffTest {
  private static final InstanceId ONE = new InstanceId(1);
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final CompletableFuture<ProbeResult> answer = new CompletableFuture<>();
  private final ExecutorService fleetThread = Executors.newSingleThreadExecutor();
  private final HealthService health =
      new HealthService(
          fleet, (id, endpoint) -> answer, scheduler, clock, Duration.ofSeconds(5), fleetThread);

  @AfterEach
  void stopThreads() {
    fleetThread.shutdownNow();
  }

  private BackendState state() {
    return fleet.snapshot().backend(ONE).orElseThrow().state();
  }

  @Test
  void aProbeAnswerCompletesWhileAnotherThreadHoldsTheFleetLock() throws Exception {
    fleet.update(
        f ->
            Reconciliation.apply(
                f, List.of(Instances.runningVllm(1).build()), Transport.DIRECT, T0));
    health.start();
    scheduler.advance(HealthService.TICK);
    assertThat(state()).isEqualTo(BackendState.CONNECTING);
    HeldFleetLock lock = HeldFleetLock.on(fleet, LONG_ENOUGH);

    assertTimeoutPreemptively(
        LONG_ENOUGH, () -> answer.complete(new ProbeResult.Healthy(Cards.of("m"))));
    assertThat(state()).isEqualTo(BackendState.CONNECTING);

    lock.close();
    fleetThread.submit(() -> {}).get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
    assertThat(state()).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void anAnswerAfterTheFleetThreadStoppedIsDropped() throws Exception {
    fleet.update(
        f ->
            Reconciliation.apply(
                f, List.of(Instances.runningVllm(1).build()), Transport.DIRECT, T0));
    health.start();
    scheduler.advance(HealthService.TICK);
    fleetThread.shutdown();

    assertThat(answer.complete(new ProbeResult.Healthy(Cards.of("m")))).isTrue();

    assertThat(fleetThread.awaitTermination(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(state()).isEqualTo(BackendState.CONNECTING);
  }
}
