package dev.vastproxy.domain.backend;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuReadingTest {

  @ParameterizedTest(name = "index={0} util={1} temp={2} used={3} total={4} valid={5}")
  @CsvSource(
      value = {
        "0, 0, 31, 1, 32607, true",
        "7, 100, 47, 70700, 81559, true",
        "0, NULL, NULL, NULL, NULL, true",
        "-1, 0, 31, 1, 1, false",
        "0, 100.5, 31, 1, 1, false",
        "0, -1, 31, 1, 1, false",
        "0, 10, NaN, 1, 1, false",
        "0, 10, 31, -1, 1, false",
        "0, 10, 31, 1, -1, false"
      },
      nullValues = "NULL")
  void validatesFigures(int index, Double util, Double temp, Long used, Long total, boolean valid) {
    Runnable build =
        () ->
            new GpuReading(
                index,
                util == null ? OptionalDouble.empty() : OptionalDouble.of(util),
                temp == null ? OptionalDouble.empty() : OptionalDouble.of(temp),
                used == null ? OptionalLong.empty() : OptionalLong.of(used),
                total == null ? OptionalLong.empty() : OptionalLong.of(total));
    if (valid) {
      assertThatCode(build::run).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
