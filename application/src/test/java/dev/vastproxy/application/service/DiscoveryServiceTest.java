package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiscoveryServiceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final Deque<Object> answers = new ArrayDeque<>();
  private int polls;
  private final ListInstancesPort api =
      () -> {
        polls++;
        Object answer =
            answers.isEmpty() ? new InstanceListing(List.of(), List.of()) : answers.poll();
        if (answer instanceof VastApiException e) {
          throw e;
        }
        if (answer instanceof RuntimeException e) {
          throw e;
        }
        return (InstanceListing) answer;
      };
  private final DiscoveryService discovery =
      new DiscoveryService(
          fleet, api, scheduler, Runnable::run, clock, INTERVAL, Transport.DIRECT, new Random(7));

  private void listNext(Instance... instances) {
    answers.add(new InstanceListing(List.of(instances), List.of()));
  }

  private BackendState state(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).map(Backend::state).orElse(null);
  }

  @Test
  void drivesTheFleetThroughAddUpdateVanishPurgeAndReturn() {
    listNext(Instances.runningVllm(1).build(), Instances.runningVllm(2).build());
    listNext(Instances.runningVllm(1).label("mine").build(), Instances.runningVllm(2).build());
    listNext(Instances.runningVllm(1).label("mine").build());
    answers.add(new InstanceListing(List.of(Instances.runningVllm(1).build()), List.of()));

    discovery.start();
    scheduler.runDue();
    assertThat(fleet.snapshot().backends()).hasSize(2);
    assertThat(state(1)).isEqualTo(BackendState.DISCOVERED);

    scheduler.advance(INTERVAL);
    assertThat(fleet.snapshot().backend(new InstanceId(1)).orElseThrow().instance().label())
        .contains("mine");

    scheduler.advance(INTERVAL);
    assertThat(state(2)).isEqualTo(BackendState.REMOVING);
    assertThat(fleet.snapshot().backend(new InstanceId(2)).orElseThrow().since())
        .isEqualTo(T0.plus(INTERVAL.multipliedBy(2)));

    // the listing without instance 2 keeps it REMOVING for five minutes, then it is forgotten
    for (int i = 0; i < 29; i++) {
      listNext(Instances.runningVllm(1).build());
    }
    scheduler.advance(Duration.ofMinutes(4).plusSeconds(50));
    assertThat(state(2)).isEqualTo(BackendState.REMOVING);
    scheduler.advance(INTERVAL);
    assertThat(state(2)).isNull();

    listNext(Instances.runningVllm(1).build(), Instances.runningVllm(2).build());
    scheduler.advance(INTERVAL);
    assertThat(state(2)).isEqualTo(BackendState.DISCOVERED);
    assertThat(polls).isEqualTo(34);
  }

  @Test
  void theFleetSurvivesTenFailedPollsIntact() {
    listNext(
        Instances.runningVllm(1).build(),
        Instances.runningVllm(2).build(),
        Instances.runningVllm(3).build());
    discovery.start();
    scheduler.runDue();
    FleetSnapshot known = fleet.snapshot();
    for (int i = 0; i < 10; i++) {
      answers.add(
          i % 2 == 0
              ? new VastApiException(VastApiException.Kind.UNAVAILABLE, "HTTP 503")
              : new VastApiException(VastApiException.Kind.RATE_LIMITED, "HTTP 429"));
    }

    for (int i = 0; i < 10; i++) {
      scheduler.advance(scheduler.untilNext());
    }

    assertThat(polls).isEqualTo(11);
    assertThat(fleet.snapshot().backends()).isEqualTo(known.backends());
    assertThat(fleet.snapshot().problem()).isPresent();
    assertThat(fleet.snapshot().problem().get().failures()).isEqualTo(10);
    assertThat(fleet.snapshot().problem().get().since()).isEqualTo(T0.plus(INTERVAL));
    assertThat(fleet.snapshot().problem().get().message())
        .startsWith("vast.ai: HTTP 429")
        .contains("keeping the last known fleet");

    listNext(
        Instances.runningVllm(1).build(),
        Instances.runningVllm(2).build(),
        Instances.runningVllm(3).build());
    scheduler.advance(scheduler.untilNext());
    assertThat(fleet.snapshot().problem()).isEmpty();
    assertThat(scheduler.untilNext()).isEqualTo(INTERVAL);
  }

  @Test
  void failedPollsBackOffWithJitterUpToFiveMinutes() {
    for (int failures = 1; failures <= 12; failures++) {
      Duration delay = discovery.backoff(failures);
      long step =
          Math.min(INTERVAL.toMillis() << failures, DiscoveryService.MAX_BACKOFF.toMillis());
      assertThat(delay.toMillis()).isBetween(step / 2, step);
    }
    assertThat(discovery.backoff(1)).isNotEqualTo(discovery.backoff(1));
  }

  @Test
  void anInvalidKeyIsReportedAsSuch() {
    answers.add(new VastApiException(VastApiException.Kind.AUTHENTICATION, "auth_error"));

    discovery.pollOnce();

    assertThat(fleet.snapshot().problem().orElseThrow().authentication()).isTrue();
    assertThat(fleet.snapshot().problem().orElseThrow().message())
        .isEqualTo("vast.ai: invalid API key (check VAST_API_KEY)");
  }

  @Test
  void malformedRowsAreSkippedAndTheRestUsed() {
    answers.add(
        new InstanceListing(
            List.of(Instances.runningVllm(1).build(), Instances.runningVllm(3).build()),
            List.of("row 2: id is missing")));

    discovery.pollOnce();

    assertThat(fleet.snapshot().backends())
        .extracting(Backend::id)
        .containsExactly(new InstanceId(1), new InstanceId(3));
  }

  @Test
  void anAdapterBugCountsAsAFailedPoll() {
    listNext(Instances.runningVllm(1).build());
    discovery.pollOnce();
    answers.add(new IllegalStateException("bug"));

    Duration delay = discovery.pollOnce();

    assertThat(delay).isGreaterThanOrEqualTo(INTERVAL);
    assertThat(fleet.snapshot().backends()).hasSize(1);
    assertThat(fleet.snapshot().problem().orElseThrow().message()).contains("unexpected");
  }

  @Test
  void stopsPolling() {
    discovery.start();
    scheduler.runDue();
    discovery.stop();

    scheduler.advance(Duration.ofMinutes(10));

    assertThat(polls).isEqualTo(1);
  }

  @Test
  void refusesANonPositiveInterval() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new DiscoveryService(
                    fleet,
                    api,
                    scheduler,
                    Runnable::run,
                    clock,
                    Duration.ZERO,
                    Transport.DIRECT,
                    new Random()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
