package dev.vastproxy.adapters.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElapsedTextTest {

  @ParameterizedTest(name = "{0}s -> {1}")
  @CsvSource({
    "0, 0s",
    "45, 45s",
    "59, 59s",
    "60, 1m00s",
    "205, 3m25s",
    "3599, 59m59s",
    "3600, 1h00m",
    "7500, 2h05m",
    "93784, 26h03m",
    "-5, 0s"
  })
  void formatsLikeTheOriginal(long seconds, String text) {
    assertThat(ElapsedText.format(Duration.ofSeconds(seconds))).isEqualTo(text);
  }
}
