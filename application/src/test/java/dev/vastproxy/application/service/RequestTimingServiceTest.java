package dev.vastproxy.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTimingServiceTest {
  private final Fleet fleet = new Fleet();
  private final RequestTimingService timing = new RequestTimingService(fleet);

  @Test
  void timingsReachTheRoutableBackendsSpeed() {
    Backend one = Instances.healthy(1, "m");
    fleet.update(f -> f.withBackends(List.of(one)));

    timing.firstByte(one.id(), 1_000);
    timing.completed(one.id(), 9_000);
    timing.completed(one.id(), -1);
    timing.completed(new InstanceId(99), 5);

    assertThat(one.load().signals().speed().firstByteNanos()).isEqualTo(1_000);
    assertThat(one.load().signals().speed().requestNanos()).isEqualTo(9_000);
    assertThat(one.load().signals().speed().requestSamples()).isEqualTo(1);
  }

  @Test
  void manyThreadsRecordingLoseNoSample() throws InterruptedException {
    Backend one = Instances.healthy(1, "m");
    fleet.update(f -> f.withBackends(List.of(one)));
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  timing.completed(one.id(), 1_000);
                  timing.firstByte(one.id(), 10);
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(one.load().signals().speed().requestSamples()).isEqualTo(80_000);
    assertThat(one.load().signals().speed().firstByteSamples()).isEqualTo(80_000);
  }
}
