package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.GuardView;
import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.port.out.StartInstancePort;
import dev.vastproxy.application.port.out.StopInstancePort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.InstanceAlert;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.InstanceSelection;
import dev.vastproxy.domain.instance.StopMark;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class IdleGuardServiceTest {
  private static final Duration IDLE = Duration.ofMinutes(30);
  private static final InstanceId ONE = new InstanceId(1);
  private static final InstanceId TWO = new InstanceId(2);

  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final InstanceLedger ledger = new InstanceLedger(InstanceSelection.all(), clock);
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final StopInstancePort stops = id -> calls.add("stop " + id);
  private final StartInstancePort starts = id -> calls.add("start " + id);
  private final KnownModels known = new KnownModels(clock);

  private final List<String> marks = new CopyOnWriteArrayList<>();
  private final StopMarkService marker =
      new StopMarkService(
          (id, label, mark) -> marks.add(id + " " + label.orElse("-") + " " + mark.orElseThrow()),
          Runnable::run,
          "proxied");

  private IdleGuardService guard(IdleAction action) {
    fleet.addListener(ledger);
    return new IdleGuardService(
        fleet,
        ledger,
        marker,
        stops,
        id -> {
          calls.add("destroy " + id);
          return DestroyOutcome.DESTROYED;
        },
        scheduler,
        Runnable::run,
        clock,
        action,
        IDLE);
  }

  private void enrol(Backend... backends) {
    fleet.update(f -> f.withBackends(List.of(backends)));
  }

  @Test
  void stopsAnInstanceIdleForTheConfiguredTimeAndTakesItOutFirst() {
    IdleGuardService guard = guard(IdleAction.STOP);
    enrol(Instances.healthy(1, "m"));
    guard.start();

    scheduler.advance(IDLE.minusSeconds(10));
    assertThat(calls).isEmpty();
    assertThat(guard.countdown(ONE).orElseThrow().remaining(clock.instant()))
        .isEqualTo(Duration.ofSeconds(10));

    scheduler.advance(Duration.ofSeconds(10));
    assertThat(calls).containsExactly("stop 1");
    Backend stopped = fleet.snapshot().backend(ONE).orElseThrow();
    assertThat(stopped.state()).isEqualTo(BackendState.REMOVING);
    assertThat(stopped.reason().cause()).isEqualTo(StateReason.Cause.IDLE);
    assertThat(ledger.proxyStop(ONE)).isPresent();
    assertThat(ledger.proxyStop(ONE).orElseThrow().models()).containsExactly("m");
    assertThat(marks)
        .as("the stop is marked in the label, our health label dropped")
        .containsExactly("1 - " + new StopMark(T0.plus(IDLE), List.of("m")));
    guard.stop();
  }

  @Test
  void theMarkKeepsTheOwnersLabel() {
    IdleGuardService guard = guard(IdleAction.STOP);
    enrol(
        Backend.discovered(Instances.runningVllm(1).label("team-a").build(), Transport.DIRECT, T0)
            .markHealthy(Cards.of("m"), T0));
    guard.start();

    scheduler.advance(IDLE);

    assertThat(marks).singleElement().asString().startsWith("1 team-a StopMark");
  }

  @Test
  void everyRequestStartsTheCountdownAgain() {
    IdleGuardService guard = guard(IdleAction.STOP);
    Backend backend = Instances.healthy(1, "m");
    enrol(backend);
    guard.start();

    scheduler.advance(Duration.ofMinutes(20));
    backend.load().begin();
    scheduler.advance(Duration.ofMinutes(20));
    assertThat(calls).as("a request in flight is never idle").isEmpty();
    backend.load().end();
    scheduler.advance(Duration.ofMinutes(29));
    assertThat(calls).isEmpty();
    scheduler.advance(Duration.ofMinutes(2));
    assertThat(calls).containsExactly("stop 1");
  }

  @Test
  void aBoxThatNeverServedIsNeverStoppedNorCounted() {
    IdleGuardService guard = guard(IdleAction.STOP);
    enrol(Instances.discovered(2).startConnecting(T0));
    guard.start();

    scheduler.advance(Duration.ofHours(5));

    assertThat(calls).isEmpty();
    assertThat(guard.countdown(TWO)).isEmpty();
    assertThat(fleet.snapshot().backend(TWO).orElseThrow().state())
        .isEqualTo(BackendState.CONNECTING);
  }

  @Test
  void actionNoneOnlyCountsDown() {
    IdleGuardService guard = guard(IdleAction.NONE);
    enrol(Instances.healthy(1, "m"));
    guard.start();

    scheduler.advance(Duration.ofHours(2));

    assertThat(calls).isEmpty();
    assertThat(guard.countdown(ONE).orElseThrow().idleFor(clock.instant()))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void destroysWhenTold() {
    IdleGuardService guard = guard(IdleAction.DESTROY);
    enrol(Instances.healthy(1, "m"));
    guard.start();

    scheduler.advance(IDLE);

    assertThat(calls).containsExactly("destroy 1");
    assertThat(ledger.proxyStop(ONE)).as("a destroyed instance is never woken").isEmpty();
  }

  @Test
  void aFailedStopIsNotRecordedAsOurs() {
    fleet.addListener(ledger);
    IdleGuardService guard =
        new IdleGuardService(
            fleet,
            ledger,
            marker,
            id -> {
              throw new VastApiException(VastApiException.Kind.UNAVAILABLE, "HTTP 503");
            },
            id -> DestroyOutcome.DESTROYED,
            scheduler,
            Runnable::run,
            clock,
            IdleAction.STOP,
            IDLE);
    enrol(Instances.healthy(1, "m"));
    guard.start();

    scheduler.advance(IDLE);

    assertThat(ledger.proxyStop(ONE)).isEmpty();
    assertThat(marks).as("a stop that failed is not marked").isEmpty();
  }

  @Test
  void theWakerStartsOnlyWhatTheProxyStoppedOncePerModel() {
    IdleGuardService guard = guard(IdleAction.STOP);
    WakeService waker = new WakeService(fleet, ledger, starts, known, Runnable::run, clock);
    enrol(Instances.healthy(1, "m"), Instances.healthy(2, "m"));
    guard.start();
    scheduler.advance(IDLE);
    assertThat(calls).containsExactlyInAnyOrder("stop 1", "stop 2");
    calls.clear();
    // A third instance its owner stopped: never started by the proxy.
    Instance userStopped = Instances.runningVllm(3).build().withStatus("stopped", "stopped");
    ledger.accountListed(
        List.of(
            Instances.runningVllm(1).build().withStatus("stopped", "stopped"),
            Instances.runningVllm(2).dollarsPerHour(0.2).build().withStatus("stopped", "stopped"),
            userStopped),
        clock.instant());
    waker.listed(fleet.snapshot(), clock.instant());
    assertThat(known.knows(fleet.snapshot(), "m")).isTrue();

    waker.unserved("m");
    waker.unserved("m");
    waker.unserved("other");

    assertThat(calls).as("the cheaper one, once").containsExactly("start 2");
    assertThat(waker.waking(TWO)).isTrue();
    clock.advance(WakeService.RETRY_AFTER.plusSeconds(1));
    waker.unserved("m");
    assertThat(calls).as("tried again after a while").containsExactly("start 2", "start 2");
  }

  @Test
  void theViewSaysWhyAndCountsDown() {
    IdleGuardService guard = guard(IdleAction.STOP);
    WakeService waker = new WakeService(fleet, ledger, starts, known, Runnable::run, clock);
    InstanceLedger ledgerOfSelection = ledger;
    enrol(Instances.healthy(1, "m"), Instances.discovered(2).startConnecting(T0));
    guard.start();
    scheduler.advance(Duration.ofMinutes(10));
    Instance exited = Instances.runningVllm(7).build().withStatus("exited", "running");
    ledgerOfSelection.accountListed(
        List.of(Instances.runningVllm(1).build(), Instances.runningVllm(2).build(), exited),
        clock.instant());

    GuardView view =
        new GuardViews(ledger, Optional.of(guard), Optional.of(waker))
            .view(fleet.snapshot(), clock.instant());

    InstanceGuard one = view.of(ONE).orElseThrow();
    assertThat(one.actionable()).isTrue();
    assertThat(one.whyNotRoutable()).isEmpty();
    assertThat(one.idle().orElseThrow().remaining(clock.instant()))
        .isEqualTo(Duration.ofMinutes(20));
    InstanceGuard two = view.of(TWO).orElseThrow();
    assertThat(two.actionable()).isFalse();
    assertThat(two.whyNotRoutable().orElseThrow()).startsWith("never served a model");
    assertThat(view.others()).hasSize(1);
    assertThat(view.others().get(0).whyNotRoutable().orElseThrow())
        .isEqualTo("not running (actual_status exited)");
    assertThat(view.others().get(0).alerts()).containsExactly(InstanceAlert.EXITED);
    assertThat(view.idleAction()).isEqualTo(IdleAction.STOP);
    new ArrayList<>(calls).forEach(call -> assertThat(call).isNotEmpty());
  }
}
