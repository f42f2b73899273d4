package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.InstanceSelection;
import dev.vastproxy.domain.instance.StopMark;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A stop the proxy made outlives the process that made it: a fresh proxy (a restart, or another
 * replica) reads it from the label, wakes the instance on demand and clears the mark once it runs,
 * while an owner's stop (no mark) stays untouched.
 */
class StopMarkServiceTest {
  private static final InstanceId ONE = new InstanceId(1);
  private static final StopMark MARK = new StopMark(T0, List.of("m"));

  private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(8)));
  private final Fleet fleet = new Fleet();
  private final InstanceLedger ledger = new InstanceLedger(InstanceSelection.all(), clock);
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final MarkStoppedPort port =
      (id, label, mark) ->
          calls.add(
              "mark "
                  + id
                  + " "
                  + label.orElse("-")
                  + " "
                  + mark.map(StopMark::models).orElse(null));
  private final List<Runnable> queued = new ArrayList<>();
  private final StopMarkService marks = new StopMarkService(port, queued::add, "proxied");
  private final WakeService waker =
      new WakeService(
          fleet,
          ledger,
          id -> calls.add("start " + id),
          new KnownModels(clock),
          Runnable::run,
          clock);

  private static Instance marked(long id, String state, String intended) {
    return Instances.runningVllm(id)
        .label("team-a")
        .stopMark(MARK)
        .build()
        .withStatus(state, intended);
  }

  private void list(Instance... instances) {
    ledger.accountListed(List.of(instances), clock.instant());
    marks.accountListed(List.of(instances), clock.instant());
    waker.listed(fleet.snapshot(), clock.instant());
  }

  private void runQueued() {
    List<Runnable> now = List.copyOf(queued);
    queued.clear();
    now.forEach(Runnable::run);
  }

  @Test
  void aFreshProxyWakesWhatTheLabelSaysTheProxyStoppedAndNothingElse() {
    Instance ownersStop = Instances.runningVllm(2).build().withStatus("stopped", "stopped");
    list(marked(1, "stopped", "stopped"), ownersStop);

    assertThat(ledger.proxyStop(ONE).orElseThrow().models()).containsExactly("m");
    waker.unserved("m");

    assertThat(calls).containsExactly("start 1");
    assertThat(queued).as("a mark on a stopped instance stays").isEmpty();
  }

  @Test
  void aMarkedInstanceThisReplicaDoesNotEnrolIsNotItsToWake() {
    InstanceLedger onlyTeamB = new InstanceLedger(InstanceSelection.parse("label:team-b"), clock);

    onlyTeamB.accountListed(List.of(marked(1, "stopped", "stopped")), clock.instant());

    assertThat(onlyTeamB.proxyStop(ONE)).isEmpty();
  }

  @Test
  void theMarkIsClearedOnceTheInstanceRunsAgainKeepingTheOwnersLabel() {
    list(marked(1, "stopped", "stopped"));
    list(marked(1, "loading", "running"));
    assertThat(queued).as("not running yet").isEmpty();
    assertThat(ledger.proxyStop(ONE)).isPresent();

    list(marked(1, "running", "running"));
    list(marked(1, "running", "running"));
    assertThat(ledger.proxyStop(ONE)).isEmpty();
    runQueued();

    assertThat(calls).as("once, however many listings").containsExactly("mark 1 team-a null");
  }

  @Test
  void aStopUnderWayOrAListingFromBeforeTheStopClearsNothing() {
    list(marked(1, "running", "stopped"));
    assertThat(ledger.proxyStop(ONE))
        .as("a stop under way that a mark says is a proxy's is one already")
        .isPresent();
    StopMark later = new StopMark(clock.instant().plusSeconds(5), List.of("m"));
    list(Instances.runningVllm(1).stopMark(later).build());

    assertThat(queued).isEmpty();
  }

  @Test
  void ourHealthLabelIsNotKeptBesideAMarkButTheOwnersIs() {
    marks.stopped(Instances.runningVllm(1).label("proxied").build(), MARK);
    marks.stopped(Instances.runningVllm(2).label("team-a").build(), MARK);
    runQueued();

    assertThat(calls).containsExactly("mark 1 - [m]", "mark 2 team-a [m]");
  }

  @Test
  void aFailedClearIsTriedAgainAtTheNextListing() {
    List<String> tries = new ArrayList<>();
    StopMarkService failing =
        new StopMarkService(
            (id, label, mark) -> {
              tries.add("try " + id);
              throw new VastApiException(VastApiException.Kind.UNAVAILABLE, "HTTP 503");
            },
            Runnable::run,
            "proxied");

    failing.accountListed(List.of(marked(1, "running", "running")), clock.instant());
    failing.accountListed(List.of(marked(1, "running", "running")), clock.instant());

    assertThat(tries).containsExactly("try 1", "try 1");
  }
}
