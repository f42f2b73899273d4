package dev.vastproxy.domain.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RescueCountersTest {

  @Test
  void eachRescueIsCountedUnderItsOwnName() {
    RescueCounters counters = new RescueCounters();
    assertThat(counters.counts().isEmpty()).isTrue();

    counters.add(Rescue.RETRIED_BEFORE_FIRST_BYTE);
    counters.add(Rescue.RESUMED);
    counters.add(Rescue.RESUMED);
    counters.add(Rescue.NOT_RESUMABLE);
    counters.add(Rescue.NOT_RESUMABLE);
    counters.add(Rescue.NOT_RESUMABLE);
    for (int i = 0; i < 4; i++) {
      counters.add(Rescue.RESUME_FAILED);
    }

    assertThat(counters.counts()).isEqualTo(new RescueCounts(1, 2, 3, 4));
    assertThat(counters.counts().isEmpty()).isFalse();
  }

  @Test
  void countsFromManyThreadsAddUp() throws Exception {
    RescueCounters counters = new RescueCounters();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  counters.add(Rescue.values()[i % Rescue.values().length]);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(counters.counts()).isEqualTo(new RescueCounts(20_000, 20_000, 20_000, 20_000));
  }

  @Test
  void negativeCountsAreRefused() {
    assertThatThrownBy(() -> new RescueCounts(0, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBackendsLoadCarriesItsCounters() {
    BackendLoad load = new BackendLoad(Instant.EPOCH);
    load.rescues().add(Rescue.RESUMED);

    assertThat(load.rescues().counts().resumed()).isEqualTo(1);
  }
}
