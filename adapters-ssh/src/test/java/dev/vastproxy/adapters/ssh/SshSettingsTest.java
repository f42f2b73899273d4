package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SshSettingsTest {
  private final SshSettings defaults = SshSettings.defaults();

  @Test
  void theDefaultsAreTheProductsValues() {
    assertThat(defaults.user()).isEqualTo("root");
    assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.directRetry()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.connectTimeoutMillis()).isEqualTo(10_000);
  }

  @Test
  void backOffDoublesFrom10SecondsUpTo5Minutes() {
    assertThat(IntStream.rangeClosed(1, 8).mapToObj(defaults::backoffAfter))
        .containsExactly(
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(160),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5));
    assertThat(defaults.backoffAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> defaults.backoffAfter(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNonsense() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new SshSettings(" ", s, s, s, s, s, s)).hasMessageContaining("user");
    assertThatThrownBy(() -> new SshSettings("root", Duration.ZERO, s, s, s, s, s))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> new SshSettings("root", s, s.negated(), s, s, s, s))
        .hasMessageContaining("commandTimeout");
    assertThatThrownBy(() -> new SshSettings("root", s, s, s, s.multipliedBy(2), s, s))
        .hasMessageContaining("firstBackoff must not exceed maxBackoff");
    assertThatThrownBy(() -> new SshSettings("root", Duration.ofDays(30), s, s, s, s, s))
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> new SshSettings("root", s, s, s, s, s, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void shorterTimeoutsKeepTheRest() {
    SshSettings fast = defaults.withTimeouts(Duration.ofMillis(100), Duration.ofMillis(200));

    assertThat(fast.connectTimeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(fast.commandTimeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(fast.maxBackoff()).isEqualTo(defaults.maxBackoff());
  }
}
