package dev.vastproxy.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import dev.vastproxy.domain.testing.Instances;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeastLoadPolicyTest {
  private final LeastLoadPolicy policy = new LeastLoadPolicy();

  private static RouteGroup group(Backend... backends) {
    return RoutingTable.build(List.of(backends), RoutingTable.empty()).all();
  }

  private static void report(Backend backend, int running, int waiting) {
    backend
        .load()
        .signals()
        .record(
            new LoadReading(
                EngineReport.of(running, waiting),
                Instant.EPOCH,
                backend.load().started(),
                OptionalDouble.empty()));
  }

  private static void measured(Backend backend, long requestMillis) {
    for (int i = 0; i < 5; i++) {
      backend.load().signals().requestCompleted(requestMillis * 1_000_000);
    }
  }

  private Map<Long, Integer> shares(RouteGroup group, int picks, boolean sendEach) {
    Map<Long, Integer> counts = new HashMap<>();
    for (int i = 0; i < picks; i++) {
      Backend chosen = policy.choose(group);
      if (sendEach) {
        chosen.load().begin();
      }
      counts.merge(chosen.id().value(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void prefersTheEngineThatReportsLessLoad() {
    Backend busy = Instances.healthy(1);
    Backend idle = Instances.healthy(2);
    report(busy, 8, 4);
    report(idle, 4, 0);
    report(idle, 1, 0);

    assertThat(policy.choose(group(busy, idle))).as("1 of 4 slots against 12 on 8").isSameAs(idle);
  }

  @Test
  void aBurstBetweenTwoReadingsSpreadsOverTheEngines() {
    Backend first = Instances.healthy(1);
    Backend second = Instances.healthy(2);
    report(first, 0, 0);
    report(second, 0, 0);

    Map<Long, Integer> counts = shares(group(first, second), 100, true);

    assertThat(counts.get(1L)).isEqualTo(50);
    assertThat(counts.get(2L)).isEqualTo(50);
  }

  @Test
  void aSlowerEngineGetsASmallerShare() {
    Backend fast = Instances.healthy(1);
    Backend slow = Instances.healthy(2);
    report(fast, 0, 0);
    report(slow, 0, 0);
    measured(fast, 1000);
    measured(slow, 4000);

    Map<Long, Integer> counts = shares(group(fast, slow), 100, true);

    assertThat(counts.get(1L)).isBetween(78, 82);
    assertThat(counts.get(2L)).isBetween(18, 22);
  }

  @Test
  void aBigEngineRunningManyAtOnceWinsOverAnIdleSmallOneUntilItsQueueGrows() {
    Backend big = Instances.healthy(1);
    Backend small = Instances.healthy(2);
    measured(big, 800);
    measured(small, 2400);
    report(big, 8, 2);
    report(small, 2, 1);
    report(small, 0, 0);
    assertThat(big.load().signals().slots()).as("full at 8 running").isEqualTo(8);
    assertThat(small.load().signals().slots()).as("full at 2 running").isEqualTo(2);

    report(big, 6, 0);
    assertThat(policy.choose(group(big, small))).as("800 × 7/8 against 2400 × 1/2").isSameAs(big);
    report(big, 8, 4);
    assertThat(policy.choose(group(big, small))).as("800 × 13/8 against 1200").isSameAs(small);
  }

  @Test
  void onceAnEngineWasSeenFullTheMostAnotherRanCountsAsItsSlots() {
    Backend wide = Instances.healthy(1);
    Backend narrow = Instances.healthy(2);
    report(wide, 6, 0);
    report(wide, 3, 0);
    report(narrow, 2, 1);
    report(narrow, 2, 0);

    assertThat(policy.choose(group(wide, narrow))).as("4/6 against 3/2").isSameAs(wide);
  }

  @Test
  void whileNoEngineWasSeenFullEachCountsAsOneSlotSoAlikeEnginesShareEvenly() {
    Backend once = Instances.healthy(1);
    Backend other = Instances.healthy(2);
    Backend third = Instances.healthy(3);
    report(once, 6, 0);
    report(once, 2, 0);
    report(other, 2, 0);
    report(third, 2, 0);
    assertThat(once.load().signals().slots()).as("the most it ran").isEqualTo(6);

    Map<Long, Integer> counts = shares(group(once, other, third), 3_000, false);

    assertThat(counts.get(1L))
        .as("once ran 6, but 3 against 3 against 3: a third, not all")
        .isBetween(800, 1200);
  }

  @Test
  void withoutReadingsItsOwnInFlightCountsAndUnmeasuredBackendsAreTried() {
    Backend measuredOne = Instances.healthy(1);
    Backend fresh = Instances.healthy(2);
    measured(measuredOne, 1000);
    measuredOne.load().begin();

    assertThat(policy.choose(group(measuredOne, fresh))).isSameAs(fresh);
  }

  @Test
  void tiesAreBrokenAtRandom() {
    RouteGroup group = group(Instances.healthy(1), Instances.healthy(2), Instances.healthy(3));

    Map<Long, Integer> counts = shares(group, 3000, false);

    assertThat(counts).containsOnlyKeys(1L, 2L, 3L);
    assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(800, 1200));
  }

  @Test
  void slowOutliersGetOnlyAProbeShare() {
    Backend fast = Instances.healthy(1);
    Backend outlier = Instances.healthy(2);
    outlier.load().signals().markOutlier(true);

    Map<Long, Integer> counts = shares(group(fast, outlier), 10_000, false);

    assertThat(counts.getOrDefault(2L, 0)).isBetween(50, 400);
  }

  @Test
  void whenEveryoneIsAnOutlierNobodyIsLeftOut() {
    Backend first = Instances.healthy(1);
    Backend second = Instances.healthy(2);
    first.load().signals().markOutlier(true);
    second.load().signals().markOutlier(true);
    report(first, 5, 0);
    report(second, 0, 0);

    assertThat(policy.choose(group(first, second))).isSameAs(second);
    assertThat(policy.choose(group(first))).isSameAs(first);
  }

  @Test
  void manyThreadsPickingAndSendingSpreadTheLoad() throws InterruptedException {
    Backend first = Instances.healthy(1);
    Backend second = Instances.healthy(2);
    report(first, 0, 0);
    report(second, 0, 0);
    RouteGroup group = group(first, second);
    Map<Long, AtomicLong> counts = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Runnable> tasks = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      tasks.add(
          () -> {
            for (int i = 0; i < 2_000; i++) {
              Backend chosen = policy.choose(group);
              chosen.load().begin();
              counts.computeIfAbsent(chosen.id().value(), id -> new AtomicLong()).incrementAndGet();
            }
          });
    }
    tasks.forEach(pool::execute);
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    long a = counts.get(1L).get();
    long b = counts.get(2L).get();
    assertThat(a + b).isEqualTo(16_000);
    assertThat(Math.abs(a - b)).isLessThan(800);
  }

  /** An engine that the views of several replicas read: what it holds, its slots, its speed. */
  private static final class SharedEngine {
    private final int slots;
    private final double secondsPerToken;
    private int holds;

    SharedEngine(int slots, double secondsPerToken) {
      this.slots = slots;
      this.secondsPerToken = secondsPerToken;
    }

    /** One replica reads the engine's metrics, its token counter giving the throughput. */
    void readBy(Backend view) {
      int running = Math.min(holds, slots);
      view.load()
          .signals()
          .record(
              new LoadReading(
                  EngineReport.of(running, holds - running),
                  Instant.EPOCH,
                  view.load().started(),
                  OptionalDouble.of(running / secondsPerToken),
                  view.load().inFlight()));
    }

    /** One replica reads the engine while it queues a request beyond its slots. */
    void seenFullBy(Backend view) {
      int before = holds;
      holds = slots + 1;
      readBy(view);
      holds = before;
    }

    /** A replica sent it a request. */
    void send(Backend view) {
      view.load().begin();
      holds++;
    }

    /** A request of a replica's ended. */
    void finish(Backend view) {
      view.load().end();
      holds--;
    }
  }

  @Test
  void theEnginesTimePerTokenCountsNotTheRequestTimesThisProxyHappenedToMeasure() {
    SharedEngine bigEngine = new SharedEngine(8, 0.020);
    SharedEngine smallEngine = new SharedEngine(2, 0.060);
    Backend big = Instances.healthy(1);
    Backend small = Instances.healthy(2);
    measured(big, 900);
    measured(small, 100);
    bigEngine.holds = 10;
    smallEngine.holds = 3;
    bigEngine.readBy(big);
    smallEngine.readBy(small);
    bigEngine.holds = 6;
    smallEngine.holds = 0;
    bigEngine.readBy(big);
    smallEngine.readBy(small);

    assertThat(policy.choose(group(big, small)))
        .as("20 ms × 7/8 against 60 ms × 1/2, though its answers took 900 ms against 100 ms")
        .isSameAs(big);
  }

  @Test
  void onceOneEngineShowsItsTimePerTokenAnEngineWithoutOneCountsAsTheFastestNotByItsRequestTimes() {
    SharedEngine bigEngine = new SharedEngine(8, 0.020);
    Backend big = Instances.healthy(1);
    Backend fresh = Instances.healthy(2);
    measured(big, 900);
    measured(fresh, 50);
    bigEngine.holds = 10;
    bigEngine.readBy(big);
    bigEngine.holds = 2;
    bigEngine.readBy(big);

    assertThat(policy.choose(group(big, fresh)))
        .as("20 ms × 3/8 against 20 ms × 1, not 900 ms against 50 ms")
        .isSameAs(big);
    bigEngine.holds = 9;
    bigEngine.readBy(big);
    assertThat(policy.choose(group(big, fresh))).as("20 ms × 10/8 against 20 ms").isSameAs(fresh);
  }

  private static void firstTokens(Backend backend, long millis) {
    for (int i = 0; i < 3; i++) {
      backend.load().signals().firstByte(millis * 1_000_000);
    }
  }

  @Test
  void beforeAnyRequestEndsTheTimesToFirstTokenWeighTheEngines() {
    Backend big = Instances.healthy(1);
    Backend small = Instances.healthy(2);
    firstTokens(big, 20);
    firstTokens(small, 60);
    big.load().begin();
    big.load().begin();
    small.load().begin();

    assertThat(policy.choose(group(big, small)))
        .as("20 ms × 3 against 60 ms × 2, not 3 against 2")
        .isSameAs(big);
    for (int i = 0; i < 4; i++) {
      big.load().begin();
    }
    assertThat(policy.choose(group(big, small))).as("20 ms × 7 against 60 ms × 2").isSameAs(small);
  }

  @Test
  void anEngineWithoutATimePerTokenYetIsGuessedFromItsTimeToFirstToken() {
    SharedEngine bigEngine = new SharedEngine(8, 0.020);
    Backend big = Instances.healthy(1);
    Backend small = Instances.healthy(2);
    firstTokens(big, 20);
    firstTokens(small, 60);
    bigEngine.holds = 9;
    bigEngine.readBy(big);
    bigEngine.holds = 8;
    bigEngine.readBy(big);
    report(small, 0, 0);

    assertThat(policy.choose(group(big, small)))
        .as("20 ms × 9/8 against 20 ms × 60/20 × 1, not 20 ms × 1")
        .isSameAs(big);
  }

  @Test
  void aBurstSplitAcrossTwoReplicasSharingTheEnginesDoesNotHerd() {
    SharedEngine bigEngine = new SharedEngine(8, 0.020);
    SharedEngine smallEngine = new SharedEngine(2, 0.060);
    LeastLoadPolicy replicaA = new LeastLoadPolicy();
    LeastLoadPolicy replicaB = new LeastLoadPolicy();
    Backend bigOfA = Instances.healthy(1);
    Backend smallOfA = Instances.healthy(2);
    Backend bigOfB = Instances.healthy(1);
    Backend smallOfB = Instances.healthy(2);
    // Each replica measured only its own requests: A's first answer from the small engine was a
    // short one (its readiness check), B's a whole stream.
    measured(bigOfA, 900);
    measured(smallOfA, 100);
    measured(bigOfB, 900);
    measured(smallOfB, 2500);
    // Earlier both engines were seen full, so their slots are known.
    for (Backend view : List.of(bigOfA, bigOfB)) {
      bigEngine.seenFullBy(view);
    }
    for (Backend view : List.of(smallOfA, smallOfB)) {
      smallEngine.seenFullBy(view);
    }
    // Both sent half of what the engines hold; the engines are read full, then after some ended.
    for (Backend view : List.of(bigOfA, bigOfB, bigOfA, bigOfB, bigOfA, bigOfB, bigOfA, bigOfB)) {
      bigEngine.send(view);
    }
    smallEngine.send(smallOfA);
    smallEngine.send(smallOfB);
    List<Backend> views = List.of(bigOfA, bigOfB, smallOfA, smallOfB);
    views.forEach(view -> (view.id().value() == 1 ? bigEngine : smallEngine).readBy(view));
    bigEngine.finish(bigOfA);
    bigEngine.finish(bigOfB);
    smallEngine.finish(smallOfA);
    smallEngine.finish(smallOfB);
    views.forEach(view -> (view.id().value() == 1 ? bigEngine : smallEngine).readBy(view));
    assertThat(LeastLoadPolicy.sendersPerOwn(group(bigOfA, smallOfA)))
        .as("the engines hold twice what A has in flight")
        .isEqualTo(2.0);

    RouteGroup groupOfA = group(bigOfA, smallOfA);
    RouteGroup groupOfB = group(bigOfB, smallOfB);
    long smallBefore = smallOfA.load().started() + smallOfB.load().started();
    int bigHeldAtFirstSpill = -1;
    for (int i = 0; i < 40; i++) {
      boolean toA = i % 2 == 0;
      Backend chosen = (toA ? replicaA : replicaB).choose(toA ? groupOfA : groupOfB);
      if (chosen.id().value() == 2 && bigHeldAtFirstSpill < 0) {
        bigHeldAtFirstSpill = bigEngine.holds;
      }
      (chosen.id().value() == 1 ? bigEngine : smallEngine).send(chosen);
    }

    // One proxy alone sends the small engine its first request when the big one holds 12 (20 ms ×
    // 13/8 against 60 ms × 1/2), its second at 24 and its third at 36: 3 of the 40. Counting only
    // its own sends, each replica would wait until the big one held 18; trusting A's request times,
    // A would send the small engine nearly all of its share.
    long toSmall = smallOfA.load().started() + smallOfB.load().started() - smallBefore;
    assertThat(bigHeldAtFirstSpill).as("the big engine's load at the first spill").isEqualTo(12);
    assertThat(toSmall).as("as one proxy would, give or take the other's").isBetween(3L, 4L);
    assertThat(smallEngine.holds).isEqualTo((int) toSmall);
    assertThat(bigEngine.holds).isEqualTo(6 + 40 - (int) toSmall);
  }
}
