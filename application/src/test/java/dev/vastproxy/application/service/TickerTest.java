package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TickerTest {
  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);

  @Test
  void keepsTickingAfterAFailureUntilStopped() {
    AtomicInteger runs = new AtomicInteger();
    Ticker ticker =
        new Ticker(
            scheduler,
            Duration.ofSeconds(1),
            () -> {
              if (runs.incrementAndGet() == 2) {
                throw new IllegalStateException("one bad tick");
              }
            });

    ticker.start();
    scheduler.advance(Duration.ofMillis(4500));
    ticker.stop();
    scheduler.advance(Duration.ofSeconds(10));

    assertThat(runs).hasValue(5);
    assertThat(scheduler.pending()).isZero();
  }
}
