package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.GpuProbe;
import dev.vastproxy.application.port.out.ReadGpuMetricsPort;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.GpuReading;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.Reconciliation;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class GpuMetricsServiceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final GpuReading BUSY =
      new GpuReading(
          0,
          OptionalDouble.of(87),
          OptionalDouble.of(71),
          OptionalLong.of(22145),
          OptionalLong.of(24564));

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final List<Long> probed = new ArrayList<>();
  private final List<Runnable> queued = new ArrayList<>();
  private GpuProbe answer = GpuProbe.read(List.of(BUSY), SshPath.DIRECT);
  private final ReadGpuMetricsPort gpus =
      instance -> {
        probed.add(instance.id().value());
        return answer;
      };

  private GpuMetricsService service(Executor pool) {
    return new GpuMetricsService(fleet, gpus, scheduler, pool, clock, INTERVAL);
  }

  private Backend backend(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).orElseThrow();
  }

  private void list(long... ids) {
    fleet.update(
        f ->
            Reconciliation.apply(
                f,
                Arrays.stream(ids).mapToObj(id -> Instances.runningVllm(id).build()).toList(),
                Transport.DIRECT,
                clock.instant()));
  }

  @Test
  void readsEveryBackendOncePerInterval() {
    list(1, 2);
    service(Runnable::run).start();

    scheduler.advance(Duration.ofSeconds(20));

    assertThat(probed.stream().filter(id -> id == 1)).hasSizeBetween(4, 5);
    assertThat(backend(1).gpu().readings()).containsExactly(BUSY);
    assertThat(backend(1).gpu().path()).isEqualTo(SshPath.DIRECT);
    assertThat(backend(1).gpu().readAt()).isPresent();
  }

  @Test
  void aFailedProbeKeepsTheLastReadings() {
    list(1);
    GpuMetricsService service = service(Runnable::run);
    service.tick();
    answer = GpuProbe.failed("connect timed out", SshPath.PROXY);
    clock.advance(INTERVAL);

    service.tick();

    assertThat(backend(1).gpu().readings()).containsExactly(BUSY);
    assertThat(backend(1).gpu().problem()).contains("connect timed out");
    assertThat(backend(1).gpu().path()).isEqualTo(SshPath.PROXY);
  }

  @Test
  void noSecondProbeWhileOneIsQueuedOrRunning() {
    list(1);
    GpuMetricsService service = service(queued::add);

    for (int i = 0; i < 10; i++) {
      clock.advance(INTERVAL);
      service.tick();
    }

    assertThat(queued).hasSize(1);
    queued.get(0).run();
    clock.advance(INTERVAL);
    service.tick();
    assertThat(queued).hasSize(2);
  }

  @Test
  void aFullPoolPostponesTheProbe() {
    list(1);
    GpuMetricsService service =
        service(
            task -> {
              throw new RejectedExecutionException("full");
            });

    service.tick();
    service.tick();

    assertThat(probed).isEmpty();
  }

  @Test
  void anAdapterBugCountsAsAFailedProbe() {
    list(1);
    GpuMetricsService service =
        new GpuMetricsService(
            fleet,
            instance -> {
              throw new IllegalStateException("bug");
            },
            scheduler,
            Runnable::run,
            clock,
            INTERVAL);

    service.tick();

    assertThat(backend(1).gpu().problem()).contains("IllegalStateException");
    service.stop();
  }
}
