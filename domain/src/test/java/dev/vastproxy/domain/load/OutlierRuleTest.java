package dev.vastproxy.domain.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutlierRuleTest {
  private static final long MS = 1_000_000L;

  private static RequestSpeed speed(long firstByteMs, long requestMs, int samples) {
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
    RequestSpeed recovering = speed(100, 10_000, 5);
    for (int i = 0; i < 10; i++) {
      recovering = recovering.withRequest(2000 * MS);
    }

    assertThat(OutlierRule.outliers(List.of(speed(100, 2000, 5), recovering)))
        .containsExactly(false, false);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(OutlierRule.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(OutlierRule.median(new double[] {5, 1, 3})).isEqualTo(3);
  }
}
