package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortNumberTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      value = {
        "1, 1",
        "65535, 65535",
        "' 8000 ', 8000",
        "0, ",
        "65536, ",
        "-1, ",
        "123456, ",
        "'', ",
        "abc, ",
        "'８０', ",
        "NULL, "
      },
      nullValues = "NULL")
  void parsesText(String text, Integer expected) {
    assertThat(PortNumber.parse(text))
        .isEqualTo(expected == null ? OptionalInt.empty() : OptionalInt.of(expected));
  }

  @Test
  void requireNamesTheSetting() {
    assertThat(PortNumber.require(443, "port")).isEqualTo(443);
    assertThatThrownBy(() -> PortNumber.require(0, "sshPort"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sshPort");
  }
}
