package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

class SilenceSweepsTest {
  private XnioWorker worker;

  @BeforeEach
  void startWorker() throws Exception {
    worker =
        Xnio.getInstance()
            .createWorker(OptionMap.builder().set(Options.WORKER_IO_THREADS, 2).getMap());
  }

  @AfterEach
  void stopWorker() throws Exception {
    worker.shutdownNow();
    worker.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aSilentBackendIsToldOnceOnItsIoThreadAfterTheTimeout() throws Exception {
    SilenceSweeps sweeps = new SilenceSweeps(Duration.ofMillis(100));
    XnioIoThread thread = worker.getIoThread(0);
    long start = System.nanoTime();
    AtomicInteger told = new AtomicInteger();
    AtomicLong toldSilence = new AtomicLong();
    AtomicBoolean onThread = new AtomicBoolean();

    sweeps.watch(
        thread,
        now -> now - start,
        silence -> {
          toldSilence.set(silence);
          onThread.set(Thread.currentThread() == thread);
          told.incrementAndGet();
        });

    await().atMost(Duration.ofSeconds(5)).until(() -> told.get() == 1);
    assertThat(toldSilence.get()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(toldSilence.get());
    assertThat(onThread).isTrue();
    // Told once: later sweeps, had there been any, would have told it again by now.
    awaitSweeps(sweeps, thread, 3);
    assertThat(told.get()).isEqualTo(1);
  }

  @Test
  void aBackendThatTalksOrIsNoLongerWaitedForIsNeverTold() throws Exception {
    SilenceSweeps sweeps = new SilenceSweeps(Duration.ofMillis(40));
    XnioIoThread thread = worker.getIoThread(1);
    AtomicInteger checks = new AtomicInteger();
    AtomicInteger told = new AtomicInteger();

    // Always just heard from: checked sweep after sweep, never told.
    sweeps.watch(thread, now -> 0, silence -> told.incrementAndGet());
    // No longer waited for: dropped on its first check.
    sweeps.watch(
        thread,
        now -> {
          checks.incrementAndGet();
          return -1;
        },
        silence -> told.incrementAndGet());

    awaitSweeps(sweeps, thread, 4);
    assertThat(checks.get()).isEqualTo(1);
    assertThat(told.get()).isZero();
  }

  @Test
  void stoppedWatchesAreNeverCheckedAndManyThreadsMayWatchAtOnce() throws Exception {
    SilenceSweeps sweeps = new SilenceSweeps(Duration.ofMillis(30));
    int watches = 4_000;
    long start = System.nanoTime();
    Map<Integer, Integer> told = new ConcurrentHashMap<>();
    AtomicInteger stoppedChecked = new AtomicInteger();
    CountDownLatch allTold = new CountDownLatch(watches / 2);
    ExecutorService starters = Executors.newFixedThreadPool(8);
    List<Runnable> starts = new ArrayList<>();
    for (int i = 0; i < watches; i++) {
      int id = i;
      boolean stopped = i % 2 == 0;
      AtomicBoolean isStopped = new AtomicBoolean();
      starts.add(
          () -> {
            SilenceWatch watch =
                sweeps.watch(
                    worker.getIoThread(id % 2),
                    now -> {
                      if (isStopped.get()) {
                        stoppedChecked.incrementAndGet();
                      }
                      // The ones to stop are always just heard from, so none is told before.
                      return stopped ? 0 : now - start;
                    },
                    silence -> {
                      told.merge(id, 1, Integer::sum);
                      allTold.countDown();
                    });
            if (stopped) {
              // Stopped from the watch's own IO thread, as an attempt stops it.
              worker
                  .getIoThread(id % 2)
                  .execute(
                      () -> {
                        isStopped.set(true);
                        watch.stop();
                      });
            }
          });
    }
    starts.forEach(starters::execute);
    starters.shutdown();

    assertThat(allTold.await(10, TimeUnit.SECONDS)).isTrue();
    awaitSweeps(sweeps, worker.getIoThread(0), 2);
    awaitSweeps(sweeps, worker.getIoThread(1), 2);
    assertThat(told).hasSize(watches / 2);
    assertThat(told.keySet()).allMatch(id -> id % 2 == 1);
    assertThat(told.values()).containsOnly(1);
    assertThat(stoppedChecked.get()).isZero();
  }

  @Test
  void aZeroTimeoutWatchesNothing() throws Exception {
    SilenceSweeps sweeps = new SilenceSweeps(Duration.ZERO);
    XnioIoThread thread = worker.getIoThread(0);
    AtomicInteger checks = new AtomicInteger();

    sweeps.watch(
        thread,
        now -> {
          checks.incrementAndGet();
          return Long.MAX_VALUE;
        },
        silence -> checks.incrementAndGet());

    // A watch of its own with a short timeout, on the same thread, shows time has passed.
    awaitSweeps(new SilenceSweeps(Duration.ofMillis(40)), thread, 3);
    assertThat(checks.get()).isZero();
  }

  /** Waits until a watch that is always just heard from has been checked {@code count} times. */
  private static void awaitSweeps(SilenceSweeps sweeps, XnioIoThread thread, int count) {
    AtomicInteger checks = new AtomicInteger();
    SilenceWatch probe =
        sweeps.watch(
            thread,
            now -> {
              checks.incrementAndGet();
              return 0;
            },
            silence -> {});
    await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() >= count);
    probe.stop();
  }
}
