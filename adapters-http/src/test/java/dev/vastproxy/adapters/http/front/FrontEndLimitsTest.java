package dev.vastproxy.adapters.http.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrontEndLimitsTest {
  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(FrontEndLimits.DEFAULTS)
        .isEqualTo(new FrontEndLimits(Duration.ofSeconds(30), Duration.ofSeconds(120), 32 * 1024));
  }

  @Test
  void timeoutsMustFitUndertowsMilliseconds() {
    assertThatThrownBy(
            () -> FrontEndLimits.DEFAULTS.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("headerTimeout");
    assertThatThrownBy(
            () -> FrontEndLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofDays(30)))
        .hasMessageContaining("keepAliveIdle");
    assertThatThrownBy(() -> new FrontEndLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 1023))
        .hasMessageContaining("maxHeaderBytes");
  }
}
