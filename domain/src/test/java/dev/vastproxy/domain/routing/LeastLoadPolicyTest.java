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
  void untilAnEngineIsSeenFullTheMostItRanCountsAsItsSlots() {
    Backend wide = Instances.healthy(1);
    Backend narrow = Instances.healthy(2);
    report(wide, 6, 0);
    report(wide, 3, 0);
    report(narrow, 2, 0);

    assertThat(policy.choose(group(wide, narrow))).as("4/6 against 3/2").isSameAs(wide);
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
}
