package dev.vastproxy.domain.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokenCountsTest {
  @Test
  void usageAndEstimatesAreKeptApart() {
    TokenCounts counts = new TokenCounts();

    counts.add(TokensServed.usage(12, 30));
    counts.add(TokensServed.estimate(7));
    counts.add(TokensServed.usage(0, 0));

    TokenTally tally = counts.tally();
    assertThat(tally).isEqualTo(new TokenTally(12, 30, 0, 7));
    assertThat(tally.prompt()).isEqualTo(12);
    assertThat(tally.completion()).isEqualTo(37);
    assertThat(tally.total()).isEqualTo(49);
    assertThat(tally.estimated()).isTrue();
    assertThat(tally.count(true, TokenSource.USAGE)).isEqualTo(12);
    assertThat(tally.count(false, TokenSource.USAGE)).isEqualTo(30);
    assertThat(tally.count(true, TokenSource.ESTIMATE)).isZero();
    assertThat(tally.count(false, TokenSource.ESTIMATE)).isEqualTo(7);
  }

  @Test
  void onlyReportedUsageIsNotAnEstimate() {
    TokenCounts counts = new TokenCounts();
    counts.add(TokensServed.usage(5, 5));

    assertThat(counts.tally().estimated()).isFalse();
    assertThat(TokenSource.ESTIMATE.label()).isEqualTo("estimate");
  }

  @Test
  void manyThreadsAddingAtOnceLoseNothing() throws Exception {
    TokenCounts counts = new TokenCounts();
    int threads = 16;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        boolean usage = t % 2 == 0;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    counts.add(usage ? TokensServed.usage(3, 2) : TokensServed.estimate(1));
                    if (i % 1000 == 0) {
                      // A reader in the middle of the writes sees sane, growing figures.
                      assertThat(counts.tally().total()).isPositive();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long half = (long) threads / 2 * perThread;
    assertThat(counts.tally()).isEqualTo(new TokenTally(3 * half, 2 * half, 0, half));
  }
}
