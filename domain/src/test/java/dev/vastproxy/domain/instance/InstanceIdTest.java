package dev.vastproxy.domain.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceIdTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(
      value = {
        "24681357, 24681357",
        "' 42 ', 42",
        "1, 1",
        "0, ",
        "-5, ",
        "12a, ",
        "'', ",
        "9223372036854775807, 9223372036854775807",
        "9223372036854775808, ",
        "99999999999999999999, ",
        "'4 2', ",
        "NULL, "
      },
      nullValues = "NULL")
  void parsesHeaderValues(String text, Long expected) {
    if (expected == null) {
      assertThat(InstanceId.parse(text)).isEmpty();
    } else {
      assertThat(InstanceId.parse(text)).contains(new InstanceId(expected));
    }
  }

  @Test
  void mustBePositiveAndOrdersByValue() {
    assertThatThrownBy(() -> new InstanceId(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new InstanceId(2)).isGreaterThan(new InstanceId(1));
    assertThat(new InstanceId(17)).hasToString("17");
  }

  @Test
  void idsOfTheSameValueAreEqualAndHashAlike() {
    InstanceId id = new InstanceId(1L << 40 | 7);

    assertThat(id)
        .isEqualTo(new InstanceId(1L << 40 | 7))
        .hasSameHashCodeAs(new InstanceId(1L << 40 | 7));
    assertThat(id).isNotEqualTo(new InstanceId(7)).isNotEqualTo(7L).isNotEqualTo(null);
    assertThat(id.hashCode()).isEqualTo(Long.hashCode(id.value()));
  }
}
