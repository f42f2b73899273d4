package dev.vastproxy.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.GpuProbe;
import dev.vastproxy.application.port.out.ReadGpuMetricsPort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.application.service.GpuMetricsService;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.Reconciliation;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 instances probed by the application's GpuMetricsService on a pool of 8 threads with a FIFO
 * queue, 5 of them hanging on nvidia-smi: every other instance keeps getting readings.
 */
class GpuProbesAtScaleTest {
  private static final int INSTANCES = 50;
  private static final int HANGING = 5;
  private static final int THREADS = 8;

  @TempDir Path folder;

  @Test
  void fiftyInstancesOnEightThreadsAllGetReadings() throws Exception {
    Clock clock = Clock.systemUTC();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    try (TestSshServer healthy = TestSshServer.start();
        TestSshServer hanging = TestSshServer.start();
        SshSessions sessions =
            new SshSessions(
                TestKeys.usable(),
                new TrustOnFirstUseHostKeys(folder.resolve("known_hosts")),
                SshFixture.FAST,
                clock)) {
      hanging.reply(TestSshServer.Reply.never());
      List<Instance> instances = new ArrayList<>();
      for (long id = 1; id <= INSTANCES; id++) {
        int port = id <= HANGING ? hanging.port() : healthy.port();
        instances.add(SshFixture.instance(id, port, 0));
      }
      Fleet fleet = new Fleet();
      fleet.update(f -> Reconciliation.apply(f, instances, Transport.DIRECT, clock.instant()));
      Map<InstanceId, AtomicInteger> reads = new ConcurrentHashMap<>();
      SshjGpuMetricsAdapter adapter = new SshjGpuMetricsAdapter(sessions);
      ReadGpuMetricsPort counting =
          instance -> {
            GpuProbe probe = adapter.readGpus(instance);
            if (probe.problem().isEmpty()) {
              reads.computeIfAbsent(instance.id(), id -> new AtomicInteger()).incrementAndGet();
            }
            return probe;
          };
      GpuMetricsService service =
          new GpuMetricsService(
              fleet, counting, scheduler(timer), pool, clock, Duration.ofMillis(200));

      long started = System.nanoTime();
      service.start();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> everyHealthyInstanceRead(reads, 1));
      long firstRound = System.nanoTime() - started;
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> everyHealthyInstanceRead(reads, 3));
      long threeRounds = System.nanoTime() - started;
      service.stop();

      System.out.printf(
          "GPU probes at scale: %d instances (%d hanging), %d threads: all healthy read once"
              + " after %d ms, three times after %d ms%n",
          INSTANCES,
          HANGING,
          THREADS,
          TimeUnit.NANOSECONDS.toMillis(firstRound),
          TimeUnit.NANOSECONDS.toMillis(threeRounds));
      for (long id = 1; id <= HANGING; id++) {
        Backend backend = fleet.snapshot().backend(new InstanceId(id)).orElseThrow();
        assertThat(backend.gpu().problem().orElseThrow()).startsWith("nvidia-smi gave no answer");
      }
      assertThat(pool.getLargestPoolSize()).isEqualTo(THREADS);
      assertThat(healthy.sessionsCreated())
          .as("one reused session per instance")
          .isEqualTo(INSTANCES - HANGING);
    } finally {
      pool.shutdownNow();
      timer.shutdownNow();
    }
  }

  private static boolean everyHealthyInstanceRead(Map<InstanceId, AtomicInteger> reads, int n) {
    for (long id = HANGING + 1; id <= INSTANCES; id++) {
      AtomicInteger count = reads.get(new InstanceId(id));
      if (count == null || count.get() < n) {
        return false;
      }
    }
    return true;
  }

  private static ScheduleTaskPort scheduler(ScheduledExecutorService timer) {
    return (delay, task) -> {
      ScheduledFuture<?> future = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }
}
