package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.SkippedRow;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.InstanceSelection;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.LogCapture;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class DiscoveryServiceTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final Deque<Object> answers = new ArrayDeque<>();
  private int polls;
  private final ListInstancesPort api =
      new ListInstancesPort() {
        @Override
        public InstanceListing listInstances() throws VastApiException {
          polls++;
          Object answer =
              answers.isEmpty() ? new InstanceListing(List.of(), List.of()) : answers.poll();
          if (answer instanceof Supplier<?> slow) {
            // Whatever the test does while the poll waits for its answer, e.g. moving time on.
            answer = slow.get();
          }
          if (answer instanceof VastApiException e) {
            throw e;
          }
          if (answer instanceof RuntimeException e) {
            throw e;
          }
          return (InstanceListing) answer;
        }

        @Override
        public Duration answerTimeout() {
          return ANSWER_TIMEOUT;
        }
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
  void enrolsOnlySelectedRunningInstancesNotAskedToStopAndTellsOfAll() {
    List<Instance> heard = new ArrayList<>();
    discovery.select(InstanceSelection.parse("label:inference,id:3"));
    discovery.addAccountListener((listed, at) -> heard.addAll(listed));
    discovery.addAccountListener(
        (listed, at) -> {
          throw new IllegalStateException("a broken listener harms no one");
        });
    Instance training = Instances.runningVllm(2).label("training").build();
    Instance stopping =
        Instances.runningVllm(4).label("inference").build().withStatus("running", "stopped");
    listNext(
        Instances.runningVllm(1).label("inference").build(),
        training,
        Instances.runningVllm(3).build(),
        stopping);

    discovery.pollOnce();

    assertThat(fleet.snapshot().backends())
        .extracting(backend -> backend.id().value())
        .containsExactly(1L, 3L);
    assertThat(heard).hasSize(4).contains(training, stopping);
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
            List.of(new SkippedRow("page 1, row 2", Optional.empty(), "id is missing"))));

    discovery.pollOnce();

    assertThat(fleet.snapshot().backends())
        .extracting(Backend::id)
        .containsExactly(new InstanceId(1), new InstanceId(3));
  }

  private static SkippedRow broken(String position, long id, String problem) {
    return new SkippedRow(position, Optional.of(new InstanceId(id)), problem);
  }

  private void listNextWithSkipped(SkippedRow... skipped) {
    answers.add(new InstanceListing(List.of(Instances.runningVllm(1).build()), List.of(skipped)));
  }

  @Test
  void logsEachMalformedRowOnceAndAgainOnlyWhenItChanges() {
    SkippedRow nullRow = new SkippedRow("page 1, row 5", Optional.empty(), "the row is null");
    listNextWithSkipped(broken("page 1, row 2", 3, "field 'ports' is odd"), nullRow);
    listNextWithSkipped(broken("page 1, row 2", 3, "field 'ports' is odd"), nullRow);
    listNextWithSkipped(broken("page 1, row 2", 3, "field 'ports' is odd"), nullRow);
    listNextWithSkipped(broken("page 1, row 2", 3, "field 'extra_env' is odd"), nullRow);
    listNextWithSkipped(nullRow);
    listNextWithSkipped(broken("page 1, row 3", 3, "field 'extra_env' is odd"), nullRow);
    listNextWithSkipped(broken("page 1, row 4", 3, "field 'extra_env' is odd"), nullRow);

    List<String> warnings;
    try (LogCapture log = LogCapture.of(SkippedRowLog.class)) {
      for (int i = 0; i < 7; i++) {
        discovery.pollOnce();
      }
      warnings = log.warnings();
    }

    assertThat(warnings)
        .containsExactly(
            "skipped a malformed instance row from vast.ai: page 1, row 2 (id 3): field 'ports' is odd",
            "skipped a malformed instance row from vast.ai: page 1, row 5: the row is null",
            "skipped a malformed instance row from vast.ai: page 1, row 2 (id 3): field 'extra_env' is odd",
            "skipped a malformed instance row from vast.ai: page 1, row 3 (id 3): field 'extra_env' is odd");
  }

  @Test
  void aFailedPollForgetsNoMalformedRow() {
    listNextWithSkipped(broken("page 1, row 2", 3, "field 'ports' is odd"));
    answers.add(new VastApiException(VastApiException.Kind.UNAVAILABLE, "HTTP 503"));
    listNextWithSkipped(broken("page 1, row 2", 3, "field 'ports' is odd"));

    List<String> warnings;
    try (LogCapture log = LogCapture.of(SkippedRowLog.class)) {
      for (int i = 0; i < 3; i++) {
        discovery.pollOnce();
      }
      warnings = log.warnings();
    }

    assertThat(warnings).hasSize(1);
  }

  @Test
  void aPollWaitingPastTheAnswerTimeoutIsReportedWhileItWaits() {
    listNext(Instances.runningVllm(1).build(), Instances.runningVllm(2).build());
    discovery.start();
    scheduler.runDue();
    FleetSnapshot known = fleet.snapshot();
    List<Optional<FleetProblem>> seenWhileWaiting = new ArrayList<>();
    answers.add(
        (Supplier<Object>)
            () -> {
              scheduler.advance(ANSWER_TIMEOUT.minusSeconds(1));
              seenWhileWaiting.add(fleet.snapshot().problem());
              scheduler.advance(Duration.ofSeconds(6));
              seenWhileWaiting.add(fleet.snapshot().problem());
              assertThat(fleet.snapshot().backends()).isEqualTo(known.backends());
              return new InstanceListing(
                  List.of(Instances.runningVllm(1).build(), Instances.runningVllm(2).build()),
                  List.of());
            });

    scheduler.advance(INTERVAL);

    assertThat(seenWhileWaiting.get(0)).isEmpty();
    FleetProblem hung = seenWhileWaiting.get(1).orElseThrow();
    assertThat(hung.message())
        .isEqualTo(
            "vast.ai: API not answering (no reply within the 30s timeout);"
                + " keeping the last known fleet");
    Instant pollStarted = T0.plus(INTERVAL);
    assertThat(hung.unansweredSince()).contains(pollStarted);
    assertThat(hung.unansweredFor(pollStarted.plusSeconds(35))).contains(Duration.ofSeconds(35));
    assertThat(hung.since()).isEqualTo(pollStarted);
    assertThat(hung.failures()).isEqualTo(1);
    assertThat(hung.authentication()).isFalse();
    // The answer came after all: the problem ends with it.
    assertThat(fleet.snapshot().problem()).isEmpty();
    assertThat(fleet.snapshot().backends()).hasSize(2);
  }

  @Test
  void aHungPollThatFailsStaysOneRunOfFailures() {
    answers.add(new VastApiException(VastApiException.Kind.UNAVAILABLE, "HTTP 503"));
    discovery.pollOnce();
    Instant failingSince = clock.instant();
    clock.advance(Duration.ofSeconds(20));
    List<FleetProblem> seenWhileWaiting = new ArrayList<>();
    answers.add(
        (Supplier<Object>)
            () -> {
              scheduler.advance(ANSWER_TIMEOUT);
              seenWhileWaiting.add(fleet.snapshot().problem().orElseThrow());
              return new VastApiException(VastApiException.Kind.UNAVAILABLE, "timed out");
            });

    discovery.pollOnce();

    FleetProblem hung = seenWhileWaiting.get(0);
    assertThat(hung.message()).contains("API not answering");
    assertThat(hung.since()).isEqualTo(failingSince);
    assertThat(hung.failures()).isEqualTo(2);
    FleetProblem after = fleet.snapshot().problem().orElseThrow();
    assertThat(after.message()).startsWith("vast.ai: timed out; keeping the last known fleet");
    assertThat(after.since()).isEqualTo(failingSince);
    assertThat(after.failures()).isEqualTo(2);
    assertThat(after.unansweredSince()).isEmpty();
  }

  @Test
  void aPollAnsweredInTimeLeavesNoCheckBehind() {
    LogCapture log = LogCapture.of(DiscoveryService.class);
    try (log) {
      discovery.start();
      scheduler.runDue();
      scheduler.advance(ANSWER_TIMEOUT.multipliedBy(3));
    }

    assertThat(fleet.snapshot().problem()).isEmpty();
    assertThat(scheduler.pending()).isEqualTo(1);
    assertThat(log.warnings()).isEmpty();
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
    Assertions.assertThatThrownBy(
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
