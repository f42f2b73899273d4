package dev.vastproxy.domain.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutlierRuleTest {
  private static final long MS = 1_000_000L;

  private static BackendSpeed speed(long firstByteMs, long requestMs, int samples) {
    return BackendSpeed.measured(measured(firstByteMs, requestMs, samples));
  }

  private static RequestSpeed measured(long firstByteMs, long requestMs, int samples) {
    RequestSpeed speed = RequestSpeed.unmeasured();
    for (int i = 0; i < samples; i++) {
      speed = speed.withFirstByte(firstByteMs * MS).withRequest(requestMs * MS);
    }
    return speed;
  }

  @Test
  void aBackendFiveTimesSlowerThanItsPeersIsAnOutlier() {
    boolean[] slow =
        OutlierRule.outliers(
            List.of(speed(100, 2000, 5), speed(110, 2100, 5), speed(100, 10_000, 5)));

    assertThat(slow).containsExactly(false, false, true);
  }

  @Test
  void aSlowTimeToFirstByteAloneIsEnough() {
    boolean[] slow = OutlierRule.outliers(List.of(speed(100, 2000, 5), speed(900, 2000, 5)));

    assertThat(slow).containsExactly(false, true);
  }

  @Test
  void smallGapsAndFewSamplesAreNotJudged() {
    assertThat(OutlierRule.outliers(List.of(speed(1, 2, 5), speed(8, 20, 5))))
        .containsExactly(false, false);
    assertThat(OutlierRule.outliers(List.of(speed(100, 2000, 5), speed(100, 10_000, 2))))
        .containsExactly(false, false);
    assertThat(OutlierRule.outliers(List.of(speed(100, 2000, 2), speed(100, 10_000, 5))))
        .containsExactly(false, false);
    assertThat(OutlierRule.outliers(List.of(speed(100, 10_000, 5)))).containsExactly(false);
  }

  @Test
  void aBackendBackInLineIsNoOutlierAnyMore() {
    RequestSpeed recovering = measured(100, 10_000, 5);
    for (int i = 0; i < 10; i++) {
      recovering = recovering.withRequest(2000 * MS);
    }

    assertThat(
            OutlierRule.outliers(List.of(speed(100, 2000, 5), BackendSpeed.measured(recovering))))
        .containsExactly(false, false);
  }

  @Test
  void aLongerRequestTimeIsNotSlownessWhenTheEngineIsNoSlowerPerToken() {
    // One replica's first sample of the small engine was a two-token answer: 100 ms against the
    // big engine's 40-token streams of 900 ms. The big engine makes its tokens 3x faster.
    BackendSpeed big = new BackendSpeed(measured(30, 900, 20), 20 * MS, false);
    BackendSpeed small = new BackendSpeed(measured(90, 100, 3), 60 * MS, false);

    assertThat(OutlierRule.outliers(List.of(big, small))).containsExactly(false, false);
    assertThat(
            OutlierRule.outliers(
                List.of(
                    new BackendSpeed(measured(30, 900, 20), 90 * MS, false),
                    new BackendSpeed(measured(30, 100, 5), 20 * MS, false))))
        .as("slower per token too: an outlier")
        .containsExactly(true, false);
  }

  @Test
  void aFirstByteThatWaitedForTheEnginesQueueIsNotSlowness() {
    BackendSpeed queued = new BackendSpeed(measured(600, 900, 20), 20 * MS, true);
    BackendSpeed idle = new BackendSpeed(measured(140, 2500, 5), 60 * MS, false);

    assertThat(OutlierRule.outliers(List.of(queued, idle))).containsExactly(false, false);
    assertThat(
            OutlierRule.outliers(
                List.of(new BackendSpeed(measured(600, 900, 20), 20 * MS, false), idle)))
        .as("the same first bytes without a queue")
        .containsExactly(true, false);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(OutlierRule.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(OutlierRule.median(new double[] {5, 1, 3})).isEqualTo(3);
  }
}
