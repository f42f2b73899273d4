package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.HoldRequestUseCase.HeldRequest;
import dev.vastproxy.application.port.in.HoldRequestUseCase.HoldReason;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitingRoomTest {
  private static final Optional<String> MODEL_A = Optional.of("a");

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final List<String> unserved = new CopyOnWriteArrayList<>();
  private WaitingRoom room = room(new WaitingRoomSettings(Duration.ofSeconds(30), 100, 5));

  private WaitingRoom room(WaitingRoomSettings settings) {
    WaitingRoom made = new WaitingRoom(fleet, settings, scheduler, unserved::add);
    fleet.addListener(made);
    return made;
  }

  @BeforeEach
  void discoveredFleet() {
    fleet.update(
        f ->
            f.withBackends(
                List.of(
                    Backend.discovered(Instances.runningVllm(1).build(), Transport.DIRECT, T0),
                    Backend.discovered(Instances.runningVllm(2).build(), Transport.DIRECT, T0))));
  }

  private void healthy(long id, String model) {
    fleet.updateBackend(new InstanceId(id), b -> b.markHealthy(Cards.of(model), T0));
  }

  private void queued(long id, int waiting) {
    fleet
        .snapshot()
        .backend(new InstanceId(id))
        .orElseThrow()
        .load()
        .signals()
        .record(
            new LoadReading(
                EngineReport.of(2, waiting), clock.instant(), 0, OptionalDouble.empty()));
  }

  @Test
  void aClosedRoomHoldsNothing() {
    WaitingRoom closed = room(WaitingRoomSettings.CLOSED);

    assertThat(closed.hold(MODEL_A, HoldReason.UNAVAILABLE, () -> {})).isEmpty();
    assertThat(closed.limit()).isZero();
    assertThat(closed.held()).isZero();
  }

  @Test
  void aHeldRequestIsWokenOnceWhenABackendOfItsModelTurnsHealthy() {
    AtomicInteger woken = new AtomicInteger();
    Optional<HeldRequest> place =
        room.hold(MODEL_A, HoldReason.UNAVAILABLE, woken::incrementAndGet);

    assertThat(place).isPresent();
    assertThat(room.held()).isEqualTo(1);
    assertThat(room.limit()).isEqualTo(Duration.ofSeconds(30));
    assertThat(unserved).containsExactly("a");

    healthy(1, "b");
    assertThat(woken).as("another model's backend does not wake it").hasValue(0);

    healthy(2, "a");
    assertThat(woken).hasValue(1);
    assertThat(room.held()).isZero();

    healthy(1, "a");
    place.get().leave();
    assertThat(woken).as("woken once only").hasValue(1);
    assertThat(room.held()).isZero();
  }

  @Test
  void aHeldRequestTellsItsDemandAgainUntilItIsServed() {
    AtomicInteger woken = new AtomicInteger();
    room.hold(MODEL_A, HoldReason.UNAVAILABLE, woken::incrementAndGet);

    room.recheck();
    room.recheck();
    assertThat(unserved).as("told at the hold and at each look").containsExactly("a", "a", "a");

    healthy(2, "a");
    room.recheck();
    assertThat(woken).hasValue(1);
    assertThat(unserved).as("served: not told again").hasSize(3);
  }

  @Test
  void aRequestWithoutAModelWaitsForAnyHealthyBackend() {
    AtomicInteger woken = new AtomicInteger();
    room.hold(Optional.empty(), HoldReason.UNAVAILABLE, woken::incrementAndGet);

    healthy(1, "b");

    assertThat(woken).hasValue(1);
    assertThat(unserved).as("no model, nothing to bring up").isEmpty();
  }

  @Test
  void aRequestThatCouldBeRoutedAlreadyIsWokenAtOnce() {
    healthy(1, "a");
    AtomicInteger woken = new AtomicInteger();

    room.hold(MODEL_A, HoldReason.UNAVAILABLE, woken::incrementAndGet);

    assertThat(woken).hasValue(1);
    assertThat(room.held()).isZero();
  }

  @Test
  void aRequestThatLeavesIsNeverWokenAndFreesItsPlace() {
    AtomicInteger woken = new AtomicInteger();
    HeldRequest place = room.hold(MODEL_A, HoldReason.UNAVAILABLE, woken::incrementAndGet).get();

    place.leave();
    place.leave();
    healthy(1, "a");

    assertThat(woken).hasValue(0);
    assertThat(room.held()).isZero();
  }

  @Test
  void theRoomHoldsUpToItsCapacityAndTakesMoreWhenPlacesFree() {
    room = room(new WaitingRoomSettings(Duration.ofSeconds(30), 2, 5));
    HeldRequest first = room.hold(MODEL_A, HoldReason.UNAVAILABLE, () -> {}).orElseThrow();
    assertThat(room.hold(MODEL_A, HoldReason.UNAVAILABLE, () -> {})).isPresent();

    assertThat(room.hold(MODEL_A, HoldReason.UNAVAILABLE, () -> {})).isEmpty();
    assertThat(room.held()).isEqualTo(2);

    first.leave();
    assertThat(room.hold(MODEL_A, HoldReason.UNAVAILABLE, () -> {})).isPresent();
    assertThat(room.held()).isEqualTo(2);
  }

  @Test
  void anOverloadedRequestIsWokenWhenAQueueDropsBelowTheLimit() {
    healthy(1, "a");
    healthy(2, "a");
    queued(1, 9);
    queued(2, 6);
    AtomicInteger woken = new AtomicInteger();

    room.hold(MODEL_A, HoldReason.OVERLOADED, woken::incrementAndGet);
    assertThat(unserved).as("served, only busy").isEmpty();
    scheduler.advance(WaitingRoom.RECHECK.multipliedBy(3));
    assertThat(woken).hasValue(0);

    queued(2, 5);
    scheduler.advance(WaitingRoom.RECHECK);

    assertThat(woken).hasValue(1);
    assertThat(room.held()).isZero();
    scheduler.advance(WaitingRoom.RECHECK.multipliedBy(3));
    assertThat(scheduler.pending()).as("no rechecks while nothing is held").isZero();
  }

  @Test
  void manyRequestsHeldFromManyThreadsAreReleasedTogether() throws Exception {
    int threads = 16;
    int perThread = 200;
    AtomicInteger woken = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    room = room(new WaitingRoomSettings(Duration.ofSeconds(30), threads * perThread, 5));
    for (int t = 0; t < threads; t++) {
      work.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                  room.hold(MODEL_A, HoldReason.UNAVAILABLE, woken::incrementAndGet).orElseThrow();
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> done : work) {
      done.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(room.held()).isEqualTo(threads * perThread);

    healthy(1, "a");

    assertThat(woken).hasValue(threads * perThread);
    assertThat(room.held()).isZero();
  }

  @Test
  void holdingAndTurningHealthyAtOnceLosesNoWakeUp() throws Exception {
    for (int round = 0; round < 200; round++) {
      discoveredFleet();
      AtomicInteger woken = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<?> holder =
          pool.submit(
              () -> {
                start.await();
                room.hold(MODEL_A, HoldReason.UNAVAILABLE, woken::incrementAndGet);
                return null;
              });
      Future<?> turner =
          pool.submit(
              () -> {
                start.await();
                healthy(1, "a");
                return null;
              });
      start.countDown();
      holder.get(10, TimeUnit.SECONDS);
      turner.get(10, TimeUnit.SECONDS);
      pool.shutdown();
      assertThat(woken).as("round " + round).hasValue(1);
    }
    assertThat(room.held()).isZero();
  }
}
