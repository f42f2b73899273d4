package dev.vastproxy.domain.routing;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hammers selection from many threads over snapshots swapped underneath it. */
class ConcurrentSelectionTest {
  private static final int THREADS = 16;
  private static final int PICKS_PER_THREAD = 100_000;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final RouteSelector selector = new RouteSelector(new RoundRobinPolicy(), 32);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private Fleet fleetOf(Backend... backends) {
    Fleet fleet = new Fleet();
    fleet.update(snapshot -> snapshot.withBackends(List.of(backends)));
    return fleet;
  }

  private Backend pick(Fleet fleet) {
    RoutingDecision decision =
        selector.select(fleet.snapshot().routing(), Optional.empty(), Optional.empty(), Set.of());
    return ((RoutingDecision.Routed) decision).backend();
  }

  @Test
  void everyHealthyBackendGetsItsExactShare() throws Exception {
    Fleet fleet =
        fleetOf(
            Instances.healthy(11, "m"),
            Instances.healthy(12, "m"),
            Instances.healthy(13, "m"),
            Instances.discovered(14),
            Instances.healthy(15, "m").markFailed(T0, Reasons.FAILED),
            Instances.healthy(16, "m").transitionTo(BackendState.REMOVING, T0, Reasons.GONE));
    Map<Long, LongAdder> counts = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);

    runThreads(
        () -> {
          start.await();
          for (int i = 0; i < PICKS_PER_THREAD; i++) {
            counts.computeIfAbsent(pick(fleet).id().value(), id -> new LongAdder()).increment();
          }
          return null;
        },
        start);

    long total = (long) THREADS * PICKS_PER_THREAD;
    assertThat(counts).containsOnlyKeys(11L, 12L, 13L);
    for (LongAdder count : counts.values()) {
      assertThat(count.sum()).isBetween(total / 3 - 1, total / 3 + 1);
    }
    assertThat(counts.values().stream().mapToLong(LongAdder::sum).sum()).isEqualTo(total);
  }

  @Test
  void aBackendTurningUnhealthyMidRunStopsReceivingPicks() throws Exception {
    Fleet fleet =
        fleetOf(
            Instances.healthy(1, "m"),
            Instances.healthy(2, "m"),
            Instances.healthy(3, "m"),
            Instances.healthy(4, "m"));
    InstanceId failing = new InstanceId(3);
    AtomicLong picksSoFar = new AtomicLong();
    AtomicLong swapVersion = new AtomicLong(Long.MAX_VALUE);
    LongAdder picksAfterSwap = new LongAdder();
    LongAdder failingPicksAfterSwap = new LongAdder();
    LongAdder failingPicksBefore = new LongAdder();
    CountDownLatch start = new CountDownLatch(1);
    long swapAt = (long) THREADS * PICKS_PER_THREAD / 2;
    int picksEachAfterSwap = 1_000;

    runThreads(
        () -> {
          start.await();
          // Every thread goes on until it has picked enough times from the new table itself,
          // however the scheduler interleaves the threads.
          int seenAfterSwap = 0;
          for (int i = 0; i < PICKS_PER_THREAD || seenAfterSwap < picksEachAfterSwap; i++) {
            if (picksSoFar.incrementAndGet() == swapAt) {
              FleetSnapshot after =
                  fleet.updateBackend(failing, b -> b.markFailed(T0, Reasons.FAILED));
              swapVersion.set(after.version());
            }
            FleetSnapshot seen = fleet.snapshot();
            Backend chosen =
                ((RoutingDecision.Routed)
                        selector.select(
                            seen.routing(), Optional.empty(), Optional.empty(), Set.of()))
                    .backend();
            boolean isFailing = chosen.id().equals(failing);
            if (seen.version() >= swapVersion.get()) {
              seenAfterSwap++;
              picksAfterSwap.increment();
              if (isFailing) {
                failingPicksAfterSwap.increment();
              }
            } else if (isFailing) {
              failingPicksBefore.increment();
            }
          }
          return null;
        },
        start);

    assertThat(failingPicksBefore.sum()).isPositive();
    assertThat(picksAfterSwap.sum()).isGreaterThanOrEqualTo((long) THREADS * picksEachAfterSwap);
    assertThat(failingPicksAfterSwap.sum()).isZero();
  }

  private void runThreads(Callable<Void> task, CountDownLatch start) throws Exception {
    List<Future<Void>> futures =
        IntStream.range(0, THREADS).mapToObj(i -> pool.submit(task)).toList();
    start.countDown();
    for (Future<Void> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
  }
}
