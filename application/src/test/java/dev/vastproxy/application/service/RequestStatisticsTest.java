package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestStatisticsTest {
  private final MutableClock clock = new MutableClock(T0);
  private final RequestStatistics statistics = new RequestStatistics(clock);

  @Test
  void noStickyShareBeforeAnyRequest() {
    TrafficSummary summary = statistics.summary(0);

    assertThat(summary.stickyShare()).isEmpty();
    assertThat(summary.requestsPerSecond()).isZero();
  }

  @Test
  void stickyShareCoversTheLastFiveMinutes() {
    statistics.record(true);
    clock.advance(Duration.ofMinutes(3));
    statistics.record(false);
    statistics.record(false);
    statistics.record(true);

    assertThat(statistics.summary(0).stickyShare()).hasValue(0.5);

    clock.advance(Duration.ofMinutes(2));
    assertThat(statistics.summary(0).recentRequests()).isEqualTo(3);
    assertThat(statistics.summary(0).stickyShare()).hasValue(1.0 / 3);

    clock.advance(Duration.ofMinutes(5));
    assertThat(statistics.summary(0).stickyShare()).isEmpty();
  }

  @Test
  void rateAveragesTheLastCompleteSeconds() {
    for (int second = 0; second < 5; second++) {
      for (int i = 0; i < 10; i++) {
        statistics.record(false);
      }
      clock.advance(Duration.ofSeconds(1));
    }
    statistics.record(false);

    assertThat(statistics.summary(4).requestsPerSecond()).isEqualTo(10.0);
    assertThat(statistics.summary(4).inFlight()).isEqualTo(4);
  }

  @Test
  void bucketsAreRecycledAfterTheWindow() {
    statistics.record(true);
    clock.advance(Duration.ofSeconds(RequestStatistics.WINDOW_SECONDS));
    statistics.record(false);

    assertThat(statistics.summary(0).recentRequests()).isEqualTo(1);
    assertThat(statistics.summary(0).recentSticky()).isZero();
  }

  @Test
  void countsEveryRequestFromManyThreads() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (int t = 0; t < 8; t++) {
      pool.execute(
          () -> {
            for (int i = 0; i < 10_000; i++) {
              statistics.record(i % 4 == 0);
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(statistics.summary(0).recentRequests()).isEqualTo(80_000);
    assertThat(statistics.summary(0).stickyShare()).hasValue(0.25);
  }
}
