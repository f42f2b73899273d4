package dev.vastproxy.domain.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EngineSignalsTest {

  private static LoadReading reading(int running, int waiting, long sentBefore) {
    return new LoadReading(
        EngineReport.of(running, waiting), Instant.EPOCH, sentBefore, OptionalDouble.empty());
  }

  @Test
  void withoutAReadingThereIsNoReportedLoad() {
    EngineSignals signals = new EngineSignals();

    assertThat(signals.reading()).isEmpty();
    assertThat(signals.reportedLoad(10)).isEqualTo(-1);
  }

  @Test
  void requestsSentSinceTheReadingAddToWhatTheEngineReported() {
    EngineSignals signals = new EngineSignals();
    signals.record(reading(3, 2, 40));

    assertThat(signals.reportedLoad(40)).isEqualTo(5);
    assertThat(signals.reportedLoad(47)).isEqualTo(12);
    assertThat(signals.reportedLoad(30)).isEqualTo(5);

    signals.forget();
    assertThat(signals.reportedLoad(47)).isEqualTo(-1);
  }

  @Test
  void theSlotsAreLearntFromTheReadings() {
    EngineSignals signals = new EngineSignals();
    assertThat(signals.slots()).isZero();

    signals.record(reading(3, 0, 0));
    signals.record(reading(5, 0, 0));
    signals.record(reading(2, 0, 0));
    assertThat(signals.slots()).as("the most it ran").isEqualTo(5);
    assertThat(signals.seenFull()).isFalse();

    signals.record(reading(4, 6, 0));
    assertThat(signals.slots()).as("full at 4: it queued").isEqualTo(4);
    assertThat(signals.seenFull()).isTrue();
    signals.record(reading(3, 0, 0));
    signals.record(reading(0, 2, 0));
    assertThat(signals.slots()).isEqualTo(4);
  }

  @Test
  void speedIsAWeightedMeanOfRecentRequests() {
    EngineSignals signals = new EngineSignals();
    signals.firstByte(100);
    signals.requestCompleted(1000);
    signals.requestCompleted(2000);

    assertThat(signals.speed().firstByteNanos()).isEqualTo(100);
    assertThat(signals.speed().requestNanos()).isEqualTo(1000 + RequestSpeed.WEIGHT * 1000);
    assertThat(signals.speed().requestSamples()).isEqualTo(2);
    assertThat(signals.speed().firstByteSamples()).isEqualTo(1);
  }

  @Test
  void oneVeryLongRequestMovesTheMeanOnlyALittle() {
    RequestSpeed speed = RequestSpeed.unmeasured().withRequest(1000).withFirstByte(10);

    RequestSpeed after = speed.withRequest(3_600_000).withFirstByte(1_000_000);

    assertThat(after.requestNanos()).isEqualTo(1000 + RequestSpeed.WEIGHT * 2000);
    assertThat(after.firstByteNanos()).isEqualTo(10 + RequestSpeed.WEIGHT * 20);
  }

  @Test
  void concurrentSamplesAreAllCounted() throws InterruptedException {
    EngineSignals signals = new EngineSignals();
    int threads = 8;
    int each = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < each; i++) {
                  signals.requestCompleted(1000);
                  signals.firstByte(10);
                  signals.reportedLoad(i);
                }
              });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(signals.speed().requestSamples()).isEqualTo((long) threads * each);
    assertThat(signals.speed().firstByteSamples()).isEqualTo((long) threads * each);
    assertThat(signals.speed().requestNanos()).isEqualTo(1000);
  }

  @Test
  void outlierFlagFlips() {
    EngineSignals signals = new EngineSignals();
    signals.markOutlier(true);
    assertThat(signals.outlier()).isTrue();
    signals.markOutlier(false);
    assertThat(signals.outlier()).isFalse();
  }

  @Test
  void valuesAreValidated() {
    assertThatThrownBy(() -> EngineReport.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reading(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestSpeed(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(EngineReport.of(2, 3).requests()).isEqualTo(5);
  }

  @Test
  void secondsPerTokenComeFromThroughputAndConcurrency() {
    LoadReading busy =
        new LoadReading(EngineReport.of(4, 0), Instant.EPOCH, 0, OptionalDouble.of(200));
    assertThat(busy.secondsPerToken()).hasValue(0.02);
    assertThat(reading(4, 0, 0).secondsPerToken()).isEmpty();
    assertThat(
            new LoadReading(EngineReport.of(0, 0), Instant.EPOCH, 0, OptionalDouble.of(200))
                .secondsPerToken())
        .isEmpty();
    assertThat(
            new LoadReading(EngineReport.of(3, 0), Instant.EPOCH, 0, OptionalDouble.of(0))
                .secondsPerToken())
        .isEmpty();
  }

  private static LoadReading throughput(int running, double tokensPerSecond) {
    return new LoadReading(
        EngineReport.of(running, 0), Instant.EPOCH, 0, OptionalDouble.of(tokensPerSecond));
  }

  @Test
  void theTimePerTokenIsLearntFromTheEnginesThroughputOverTheRequestsThatRan() {
    EngineSignals signals = new EngineSignals();
    assertThat(signals.perTokenNanos()).as("unknown before any reading").isZero();

    signals.record(reading(4, 0, 0));
    assertThat(signals.perTokenNanos()).as("no token counter: still unknown").isZero();

    signals.record(throughput(4, 200));
    assertThat(signals.perTokenNanos())
        .as("4 running at 200 tokens/s: 20 ms a token")
        .isEqualTo(2e7);

    signals.record(throughput(2, 300));
    assertThat(signals.perTokenNanos())
        .as("4 then 2 running, 3 on average, at 300 tokens/s: 10 ms, the mean of two")
        .isCloseTo(1.5e7, within(1.0));

    signals.record(throughput(2, 100));
    assertThat(signals.perTokenNanos())
        .as("third: a third of the weight")
        .isCloseTo(1.5e7 + (2e7 - 1.5e7) / 3, within(1.0));

    for (int i = 0; i < 3; i++) {
      signals.record(throughput(2, 40));
    }
    double settled = signals.perTokenNanos();
    signals.record(throughput(2, 200));
    assertThat(signals.perTokenNanos())
        .as("later readings weigh %s", EngineSignals.PER_TOKEN_WEIGHT)
        .isCloseTo(settled + EngineSignals.PER_TOKEN_WEIGHT * (1e7 - settled), within(1.0));

    double before = signals.perTokenNanos();
    signals.record(throughput(0, 50));
    assertThat(signals.perTokenNanos()).as("went idle during the interval").isEqualTo(before);
    signals.record(throughput(3, 50));
    assertThat(signals.perTokenNanos()).as("came from idle during the interval").isEqualTo(before);
    signals.record(throughput(0, 0));
    signals.record(reading(0, 0, 0));
    signals.forget();
    assertThat(signals.perTokenNanos()).as("kept while idle or unread").isEqualTo(before);
  }

  @Test
  void anEngineThatQueuedCountsAsQueuedForTheNextReadings() {
    EngineSignals signals = new EngineSignals();
    signals.record(reading(2, 0, 0));
    assertThat(signals.queuedLately()).isFalse();

    signals.record(reading(8, 3, 0));
    assertThat(signals.queuedLately()).isTrue();
    for (int i = 1; i < EngineSignals.QUEUE_MEMORY; i++) {
      signals.record(reading(5, 0, 0));
      assertThat(signals.queuedLately()).as("reading %d after the queue", i).isTrue();
    }
    signals.record(reading(5, 0, 0));
    assertThat(signals.queuedLately()).isFalse();
  }
}
