package dev.vastproxy.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void takesNearestRankPercentilesOfUnsortedValues() {
    Samples samples = new Samples(1);
    for (int i = 1000; i >= 1; i--) {
      samples.add(i * 1_000_000L);
    }

    assertThat(samples.count()).isEqualTo(1000);
    assertThat(samples.percentile(0.5)).isEqualTo(500_000_000L);
    assertThat(samples.percentile(0.99)).isEqualTo(990_000_000L);
    assertThat(samples.percentile(1)).isEqualTo(1_000_000_000L);
    assertThat(samples.mean()).isCloseTo(500.5e6, within(1.0));
    Percentiles millis = samples.percentilesMillis();
    assertThat(millis.p50()).isEqualTo(500.0);
    assertThat(millis.p999()).isEqualTo(999.0);
    assertThat(millis.count()).isEqualTo(1000);
  }

  @Test
  void anEmptyListHasZeroPercentilesAndRefusesNonsense() {
    Samples samples = new Samples(0);

    assertThat(samples.percentile(0.5)).isZero();
    assertThat(samples.mean()).isZero();
    assertThatThrownBy(() -> samples.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> samples.percentile(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addsAnotherList() {
    Samples a = new Samples(2);
    Samples b = new Samples(2);
    a.add(3);
    b.add(1);
    b.add(2);

    a.addAll(b);

    assertThat(a.count()).isEqualTo(3);
    assertThat(a.percentile(0.34)).isEqualTo(2);
  }

  @Test
  void percentilesSubtractAndMediansMiddle() {
    Percentiles proxy = new Percentiles(2, 5, 9, 10);
    Percentiles direct = new Percentiles(1, 2, 3, 10);

    assertThat(proxy.minus(direct)).isEqualTo(new Percentiles(1, 3, 6, 10));
    assertThat(Percentiles.NONE.count()).isZero();
    assertThat(Median.of(3, 1, 2)).isEqualTo(2);
    assertThat(Median.of(4, 1, 2, 3)).isEqualTo(2.5);
    assertThat(Median.of()).isNaN();
    assertThat(Median.of(List.of("a", "bbb", "cc"), String::length)).isEqualTo(2);
  }
}
