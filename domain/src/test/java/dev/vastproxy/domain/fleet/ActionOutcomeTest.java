package dev.vastproxy.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionOutcomeTest {

  @Test
  void saysWhetherItWorked() {
    assertThat(ActionOutcome.ok("aborted")).isEqualTo(new ActionOutcome(true, "aborted"));
    assertThat(ActionOutcome.failed("HTTP 503").success()).isFalse();
  }
}
