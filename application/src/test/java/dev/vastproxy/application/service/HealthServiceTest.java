package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.application.support.FakeProbes;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.Reconciliation;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServiceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final ProbeResult HEALTHY = new ProbeResult.Healthy(Cards.of("Qwen/Qwen3-8B"));

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final FakeProbes probes = new FakeProbes();
  private final HealthService health = new HealthService(fleet, probes, scheduler, clock, INTERVAL);

  @BeforeEach
  void start() {
    health.start();
  }

  private void list(Instance... instances) {
    fleet.update(
        f -> Reconciliation.apply(f, Arrays.asList(instances), Transport.DIRECT, clock.instant()));
  }

  private Backend backend(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).orElseThrow();
  }

  @Test
  void aLoadingEngineTakesTrafficWithinASecondOfAnswering() {
    probes.answer(1, new ProbeResult.Loading("502 X-Portal-Placeholder"));
    list(Instances.runningVllm(1).build());

    scheduler.advance(Duration.ofMillis(250));
    assertThat(backend(1).state()).isEqualTo(BackendState.CONNECTING);
    assertThat(backend(1).since()).isEqualTo(T0);

    scheduler.advance(Duration.ofSeconds(30));
    assertThat(backend(1).state()).isEqualTo(BackendState.CONNECTING);
    assertThat(backend(1).reason())
        .isEqualTo(StateReason.of(StateReason.Cause.PLACEHOLDER, "502 X-Portal-Placeholder"));
    assertThat(probes.callsTo(1)).isBetween(29L, 31L);

    probes.answer(1, HEALTHY);
    Duration waited = Duration.ZERO;
    while (backend(1).state() != BackendState.HEALTHY) {
      scheduler.advance(Duration.ofMillis(50));
      waited = waited.plusMillis(50);
    }
    assertThat(waited).isLessThanOrEqualTo(Duration.ofMillis(1250));
    assertThat(backend(1).models()).containsExactly("Qwen/Qwen3-8B");
    assertThat(backend(1).cards()).isEqualTo(((ProbeResult.Healthy) HEALTHY).models());
    assertThat(backend(1).isRoutable()).isTrue();
  }

  @Test
  void healthyBackendsAreProbedOnTheIntervalAndFailuresDemoteThem() {
    probes.answer(1, HEALTHY);
    list(Instances.runningVllm(1).build());
    scheduler.advance(Duration.ofMillis(250));
    long afterFirst = probes.callsTo(1);

    scheduler.advance(Duration.ofSeconds(20));
    assertThat(probes.callsTo(1) - afterFirst).isBetween(3L, 4L);

    StateReason refused = StateReason.of(StateReason.Cause.PROBE_AUTH, "HTTP 401");
    probes.answer(1, new ProbeResult.Failed(refused));
    scheduler.advance(INTERVAL);
    assertThat(backend(1).state()).isEqualTo(BackendState.UNHEALTHY);
    assertThat(backend(1).reason()).isEqualTo(refused);

    long beforeRetries = probes.callsTo(1);
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(probes.callsTo(1) - beforeRetries).isBetween(8L, 10L);

    probes.answer(1, HEALTHY);
    scheduler.advance(Duration.ofMillis(1250));
    assertThat(backend(1).state()).isEqualTo(BackendState.HEALTHY);
    assertThat(backend(1).reason().cause()).isEqualTo(StateReason.Cause.MODEL_LIST);
  }

  @Test
  void atMostOneProbeInFlightAndASlowBackendDelaysNobody() {
    probes.hold(1);
    probes.answer(2, HEALTHY);
    list(Instances.runningVllm(1).build(), Instances.runningVllm(2).build());

    scheduler.advance(Duration.ofSeconds(12));

    assertThat(probes.callsTo(1)).isEqualTo(1);
    assertThat(backend(2).state()).isEqualTo(BackendState.HEALTHY);
    assertThat(probes.callsTo(2)).isGreaterThanOrEqualTo(3);

    probes.release(1, HEALTHY);
    assertThat(backend(1).state()).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void aRedirectToHttpsSwitchesTheBackendAndProbesAgainAtOnce() {
    probes.answer(1, new ProbeResult.RedirectedToHttps());
    list(Instances.runningVllm(1).build());
    scheduler.advance(Duration.ofMillis(250));
    assertThat(backend(1).endpoint().orElseThrow().scheme()).isEqualTo(Scheme.HTTPS);

    probes.answer(1, HEALTHY);
    scheduler.advance(Duration.ofMillis(250));

    assertThat(backend(1).state()).isEqualTo(BackendState.HEALTHY);
    assertThat(probes.calls().get(probes.calls().size() - 1)).contains("https://");
  }

  @Test
  void removedBackendsAreNoLongerProbed() {
    probes.answer(1, HEALTHY);
    list(Instances.runningVllm(1).build());
    scheduler.advance(Duration.ofSeconds(1));
    list();
    long before = probes.callsTo(1);

    scheduler.advance(Duration.ofSeconds(30));

    assertThat(backend(1).state()).isEqualTo(BackendState.REMOVING);
    assertThat(probes.callsTo(1)).isEqualTo(before);
  }

  @Test
  void aLateResultForAnEarlierIncarnationIsIgnored() {
    probes.hold(1);
    list(Instances.runningVllm(1).build());
    scheduler.advance(Duration.ofMillis(250));
    list();
    list(Instances.runningVllm(1).build());

    probes.release(1, HEALTHY);

    assertThat(backend(1).state()).isEqualTo(BackendState.DISCOVERED);
  }

  @Test
  void backendsWithoutAnEndpointWait() {
    list(Instance.builder(5).running().build());

    scheduler.advance(Duration.ofSeconds(5));

    assertThat(probes.calls()).isEmpty();
    assertThat(backend(5).state()).isEqualTo(BackendState.DISCOVERED);
  }

  @Test
  void aProbeThatThrowsCountsAsFailed() {
    Fleet otherFleet = new Fleet();
    HealthService throwing =
        new HealthService(
            otherFleet,
            (id, endpoint) -> {
              throw new IllegalStateException("boom");
            },
            scheduler,
            clock,
            INTERVAL);
    otherFleet.update(
        f ->
            Reconciliation.apply(
                f, List.of(Instances.runningVllm(1).build()), Transport.DIRECT, clock.instant()));

    throwing.tick();

    assertThat(otherFleet.snapshot().backends().get(0).state()).isEqualTo(BackendState.CONNECTING);
    health.stop();
  }
}
