package dev.vastproxy.domain.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.Rental;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceAlertTest {
  private static final Instant NOW = Instant.parse("2026-11-30T18:00:00Z");

  private static Instance listed(String actual, String intended, Optional<Instant> end) {
    return Instance.builder(1)
        .status(actual)
        .rental(new Rental("vastai/vllm:x", intended, intended, end))
        .build();
  }

  @Test
  void flagsBrokenStates() {
    assertThat(InstanceAlert.of(listed("exited", "running", Optional.empty()), NOW, false, false))
        .containsExactly(InstanceAlert.EXITED);
    assertThat(InstanceAlert.of(listed("offline", "running", Optional.empty()), NOW, false, false))
        .containsExactly(InstanceAlert.OFFLINE);
    assertThat(InstanceAlert.of(listed("unknown", "running", Optional.empty()), NOW, false, false))
        .containsExactly(InstanceAlert.UNKNOWN);
    assertThat(InstanceAlert.of(listed("running", "running", Optional.empty()), NOW, true, false))
        .isEmpty();
  }

  @Test
  void aStopIsFlaggedOnlyWhenItRanAndTheProxyDidNotStopIt() {
    Instance stopped = listed("stopped", "stopped", Optional.empty());
    assertThat(InstanceAlert.of(stopped, NOW, true, false)).containsExactly(InstanceAlert.STOPPED);
    assertThat(InstanceAlert.of(stopped, NOW, true, true)).isEmpty();
    assertThat(InstanceAlert.of(stopped, NOW, false, false)).isEmpty();
    // Outbid: the container may still list as running while the contract is stopped.
    assertThat(InstanceAlert.of(listed("running", "stopped", Optional.empty()), NOW, true, false))
        .containsExactly(InstanceAlert.STOPPED);
  }

  @Test
  void flagsAContractEndingWithinADay() {
    Instance soon = listed("running", "running", Optional.of(NOW.plus(Duration.ofHours(23))));
    Instance later = listed("running", "running", Optional.of(NOW.plus(Duration.ofHours(25))));
    assertThat(InstanceAlert.of(soon, NOW, true, false)).containsExactly(InstanceAlert.EXPIRING);
    assertThat(InstanceAlert.of(later, NOW, true, false)).isEmpty();
    assertThat(InstanceAlert.EXPIRING.label()).isEqualTo("expiring");
    assertThat(InstanceAlert.EXPIRING.text()).contains("24 h");
  }
}
