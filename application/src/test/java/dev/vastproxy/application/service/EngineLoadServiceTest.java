package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.EngineLoadResult;
import dev.vastproxy.application.port.out.ReadEngineLoadPort;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EngineLoadServiceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final long MS = 1_000_000L;

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final List<Long> reads = new ArrayList<>();
  private final List<CompletableFuture<EngineLoadResult>> pending = new ArrayList<>();
  private boolean answerAtOnce = true;
  private EngineLoadResult answer =
      new EngineLoadResult.Reported(
          new EngineReport(
              3, 1, OptionalDouble.of(0.5), OptionalDouble.of(1000), OptionalDouble.empty()));
  private final Map<Long, EngineLoadResult> answerFor = new HashMap<>();
  private final ReadEngineLoadPort port =
      (id, engine, endpoint) -> {
        reads.add(id.value());
        if (answerAtOnce) {
          return CompletableFuture.completedFuture(answerFor.getOrDefault(id.value(), answer));
        }
        CompletableFuture<EngineLoadResult> later = new CompletableFuture<>();
        pending.add(later);
        return later;
      };
  private final EngineLoadService service =
      new EngineLoadService(fleet, port, scheduler, clock, INTERVAL);

  private void healthy(Backend... backends) {
    fleet.update(f -> f.withBackends(List.of(backends)));
  }

  private static EngineLoadResult reported(int running, int waiting, OptionalDouble generated) {
    return new EngineLoadResult.Reported(
        new EngineReport(
            running, waiting, OptionalDouble.of(0.5), generated, OptionalDouble.empty()));
  }

  private Backend backend(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).orElseThrow();
  }

  @Test
  void readsEveryHealthyBackendOncePerInterval() {
    answer = reported(3, 1, OptionalDouble.empty());
    healthy(Instances.healthy(1, "m"), Instances.healthy(2, "m"), Instances.discovered(3));
    service.start();

    scheduler.advance(Duration.ofMillis(4_900));

    assertThat(reads.stream().filter(id -> id == 1)).hasSize(5);
    assertThat(reads.stream().filter(id -> id == 2)).hasSize(5);
    assertThat(reads).doesNotContain(3L);
    LoadReading reading = backend(1).load().signals().reading().orElseThrow();
    assertThat(reading.report().running()).isEqualTo(3);
    assertThat(reading.report().kvCacheUsage()).hasValue(0.5);
    service.stop();
  }

  @Test
  void atMostOneReadIsInFlightPerBackend() {
    healthy(Instances.healthy(1, "m"));
    answerAtOnce = false;
    service.start();

    scheduler.advance(Duration.ofSeconds(2));
    assertThat(reads).hasSize(1);

    pending.get(0).complete(answer);
    scheduler.advance(Duration.ofMillis(250));
    assertThat(reads).hasSize(2);
  }

  @Test
  void requestsSentSinceTheReadStartedAddToTheReportedLoad() {
    Backend one = Instances.healthy(1, "m");
    one.load().begin();
    healthy(one);
    service.start();
    scheduler.advance(Duration.ofMillis(100));

    one.load().begin();
    one.load().begin();

    assertThat(one.load().signals().reading().orElseThrow().sentBefore()).isEqualTo(1);
    assertThat(one.load().signals().reportedLoad(one.load().started())).isEqualTo(4 + 2);
  }

  @Test
  void aBusyEngineIsReadFourTimesAsOftenUntilItsTimePerTokenIsKnown() {
    Backend one = Instances.healthy(1, "m");
    Backend idle = Instances.healthy(2, "m");
    answerFor.put(2L, reported(0, 0, OptionalDouble.of(1000)));
    one.load().begin();
    healthy(one, idle);
    service.start();
    scheduler.advance(Duration.ofMillis(900));

    assertThat(reads.stream().filter(id -> id == 1)).as("busy, counter still").hasSize(4);
    assertThat(reads.stream().filter(id -> id == 2)).as("idle").hasSize(1);

    answer =
        new EngineLoadResult.Reported(
            new EngineReport(
                3, 0, OptionalDouble.empty(), OptionalDouble.of(1300), OptionalDouble.empty()));
    scheduler.advance(Duration.ofMillis(100));
    assertThat(backend(1).load().signals().perTokenNanos()).as("300 tokens in 250 ms").isPositive();
    reads.clear();
    scheduler.advance(Duration.ofMillis(1900));
    assertThat(reads.stream().filter(id -> id == 1)).as("then once per interval").hasSize(1);
  }

  @Test
  void trafficReachingAnUnmeasuredEngineIsReadAtTheNextTickNotAnIntervalLater() {
    answer = reported(0, 0, OptionalDouble.of(1000));
    Backend one = Instances.healthy(1, "m");
    healthy(one);
    service.start();
    scheduler.advance(Duration.ofMillis(400));
    assertThat(reads).as("read once while idle").hasSize(1);

    one.load().begin();
    scheduler.advance(Duration.ofMillis(100));

    assertThat(reads).as("the tick at 500 ms reads the busy engine").hasSize(2);
  }

  @Test
  void anotherSendersTrafficOnAnUnmeasuredEngineAlsoHurriesItsReads() {
    answer = reported(2, 0, OptionalDouble.of(1000));
    healthy(Instances.healthy(1, "m"));
    service.start();

    scheduler.advance(Duration.ofMillis(900));

    assertThat(reads).as("nothing of ours in flight, its counter still").hasSize(4);
  }

  @Test
  void anEngineWithoutATokenCounterIsReadOncePerIntervalEvenWhenBusy() {
    answer = reported(2, 0, OptionalDouble.empty());
    Backend one = Instances.healthy(1, "m");
    one.load().begin();
    healthy(one);
    service.start();

    scheduler.advance(Duration.ofMillis(1900));

    assertThat(reads).as("its readings cannot show a time per token").hasSize(2);
  }

  @Test
  void theReadingKeepsWhatThisProxyHadInFlightWhenTheReadStarted() {
    Backend one = Instances.healthy(1, "m");
    one.load().begin();
    one.load().begin();
    healthy(one);
    service.start();
    scheduler.advance(Duration.ofMillis(100));

    one.load().begin();
    one.load().end();
    one.load().end();

    assertThat(one.load().signals().reading().orElseThrow().ownInFlight()).isEqualTo(2);
  }

  @Test
  void anEngineWhoseTimePerTokenIsInLineIsNoOutlierForItsLongerRequests() {
    healthy(Instances.healthy(1, "m"), Instances.healthy(2, "m"));
    service.start();
    answer =
        new EngineLoadResult.Reported(
            new EngineReport(
                4, 0, OptionalDouble.empty(), OptionalDouble.of(0), OptionalDouble.empty()));
    scheduler.advance(Duration.ofMillis(100));
    answer =
        new EngineLoadResult.Reported(
            new EngineReport(
                4, 0, OptionalDouble.empty(), OptionalDouble.of(400), OptionalDouble.empty()));
    scheduler.advance(Duration.ofMillis(250));
    for (int i = 0; i < 5; i++) {
      backend(1).load().signals().requestCompleted(100 * MS);
      backend(2).load().signals().requestCompleted(900 * MS);
    }
    service.tick();

    assertThat(backend(1).load().signals().perTokenNanos())
        .as("4 running made 400 tokens in 250 ms")
        .isEqualTo(2.5e6);
    assertThat(backend(2).load().signals().outlier())
        .as("900 ms against 100 ms a request, but as fast per token")
        .isFalse();
  }

  @Test
  void tokensPerSecondComeFromTheEnginesCounter() {
    answer = reported(0, 0, OptionalDouble.of(1000));
    healthy(Instances.healthy(1, "m"));
    service.start();
    scheduler.advance(Duration.ofMillis(100));
    answer =
        new EngineLoadResult.Reported(
            new EngineReport(
                2, 0, OptionalDouble.empty(), OptionalDouble.of(1500), OptionalDouble.of(7)));
    scheduler.advance(Duration.ofSeconds(1));

    LoadReading reading = backend(1).load().signals().reading().orElseThrow();
    assertThat(reading.tokensPerSecond()).hasValue(500.0);
    assertThat(reading.secondsPerToken()).hasValue(0.004);
  }

  @Test
  void theEnginesGaugeServesWhenTheCounterWentBack() {
    LoadReading before =
        new LoadReading(
            new EngineReport(
                1, 0, OptionalDouble.empty(), OptionalDouble.of(900), OptionalDouble.empty()),
            T0,
            0,
            OptionalDouble.empty());
    EngineReport restarted =
        new EngineReport(
            1, 0, OptionalDouble.empty(), OptionalDouble.of(10), OptionalDouble.of(42));

    assertThat(
            EngineLoadService.tokensPerSecond(
                Optional.of(before), restarted, T0.plus(Duration.ofSeconds(1))))
        .hasValue(42);
    assertThat(EngineLoadService.tokensPerSecond(Optional.empty(), restarted, T0)).hasValue(42);
  }

  @Test
  void anEngineWithoutSignalIsForgotten() {
    healthy(Instances.healthy(1, "m"));
    service.start();
    scheduler.advance(Duration.ofMillis(100));
    assertThat(backend(1).load().signals().reading()).isPresent();

    answer = new EngineLoadResult.NoSignal("HTTP 404");
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(backend(1).load().signals().reading()).isEmpty();
    assertThat(backend(1).load().signals().reportedLoad(0)).isEqualTo(-1);
  }

  @Test
  void aFailingPortGivesNoSignal() {
    healthy(Instances.healthy(1, "m"));
    ReadEngineLoadPort broken =
        (id, engine, endpoint) -> {
          throw new IllegalStateException("boom");
        };
    ReadEngineLoadPort failing =
        (id, engine, endpoint) -> CompletableFuture.failedFuture(new IllegalStateException("x"));
    backend(1)
        .load()
        .signals()
        .record(new LoadReading(EngineReport.of(1, 1), T0, 0, OptionalDouble.empty()));

    new EngineLoadService(fleet, broken, scheduler, clock, INTERVAL).tick();
    assertThat(backend(1).load().signals().reading()).isEmpty();

    Backend two = Instances.healthy(2, "m");
    healthy(two);
    two.load()
        .signals()
        .record(new LoadReading(EngineReport.of(1, 1), T0, 0, OptionalDouble.empty()));
    new EngineLoadService(fleet, failing, scheduler, clock, INTERVAL).tick();
    assertThat(two.load().signals().reading()).isEmpty();
  }

  @Test
  void aReadingOlderThanThreeIntervalsIsIgnored() {
    healthy(Instances.healthy(1, "m"));
    service.start();
    scheduler.advance(Duration.ofMillis(100));
    answerAtOnce = false;

    scheduler.advance(Duration.ofMillis(2_800));
    assertThat(backend(1).load().signals().reading()).isPresent();

    scheduler.advance(Duration.ofMillis(400));
    assertThat(backend(1).load().signals().reading()).isEmpty();
  }

  @Test
  void aSlowOutlierIsMarkedAndComesBackWhenInLine() {
    healthy(Instances.healthy(1, "m"), Instances.healthy(2, "m"), Instances.healthy(3, "other"));
    for (int i = 0; i < 5; i++) {
      backend(1).load().signals().requestCompleted(1000 * MS);
      backend(2).load().signals().requestCompleted(5000 * MS);
      backend(3).load().signals().requestCompleted(9000 * MS);
    }
    service.tick();

    assertThat(backend(2).load().signals().outlier()).isTrue();
    assertThat(backend(1).load().signals().outlier()).isFalse();
    assertThat(backend(3).load().signals().outlier()).isFalse();

    for (int i = 0; i < 10; i++) {
      backend(2).load().signals().requestCompleted(1000 * MS);
    }
    service.tick();
    assertThat(backend(2).load().signals().outlier()).isFalse();
  }
}
