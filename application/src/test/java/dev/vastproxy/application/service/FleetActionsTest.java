package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.InstanceResult;
import dev.vastproxy.application.port.out.AbortEnginePort;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.instance.InstanceSelection;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetActionsTest {
  private final Fleet fleet = new Fleet();

  @BeforeEach
  void mixedFleet() {
    fleet.update(
        f ->
            f.withBackends(
                List.of(
                    Backend.discovered(Instances.runningSglang(1).build(), Transport.DIRECT, T0)
                        .markHealthy(Cards.of("m"), T0),
                    Backend.discovered(Instances.runningVllm(2).build(), Transport.DIRECT, T0)
                        .markHealthy(Cards.of("m"), T0),
                    Backend.discovered(Instances.runningSglang(3).build(), Transport.DIRECT, T0),
                    Backend.discovered(Instances.runningSglang(4).build(), Transport.DIRECT, T0)
                        .markHealthy(Cards.of("m"), T0),
                    Backend.discovered(Instances.runningSglang(5).build(), Transport.DIRECT, T0)
                        .transitionTo(BackendState.REMOVING, T0, Reasons.GONE))));
  }

  private static List<String> describe(List<InstanceResult> results) {
    return results.stream()
        .map(r -> r.id() + ":" + r.outcome().success() + ":" + r.outcome().message())
        .toList();
  }

  @Test
  void abortAllAsksOnlyHealthySglangBackends() {
    List<String> asked = new ArrayList<>();
    AbortEnginePort engines =
        (id, endpoint) -> {
          asked.add(id + " " + endpoint);
          return id.value() == 4
              ? CompletableFuture.failedFuture(new IllegalStateException("reset"))
              : CompletableFuture.completedFuture(ActionOutcome.ok("aborted"));
        };

    List<InstanceResult> results =
        new AbortAllService(fleet, engines).abortAll().toCompletableFuture().join();

    assertThat(asked).hasSize(2).allMatch(call -> call.startsWith("1 ") || call.startsWith("4 "));
    assertThat(describe(results))
        .containsExactly("1:true:aborted", "4:false:java.lang.IllegalStateException: reset");
  }

  @Test
  void abortAllWithNoSglangBackendAsksNobody() {
    Fleet vllmOnly = new Fleet();

    assertThat(
            new AbortAllService(
                    vllmOnly,
                    (id, endpoint) -> {
                      throw new AssertionError("nobody to ask");
                    })
                .abortAll()
                .toCompletableFuture()
                .join())
        .isEmpty();
  }

  @Test
  void abortAllSurvivesAnAdapterThatThrows() {
    List<InstanceResult> results =
        new AbortAllService(
                fleet,
                (id, endpoint) -> {
                  throw new IllegalStateException("bug");
                })
            .abortAll()
            .toCompletableFuture()
            .join();

    assertThat(results).hasSize(2).noneMatch(r -> r.outcome().success());
  }

  @Test
  void destroyAllDestroysEveryEnrolledInstanceOneAtATime() {
    List<Long> destroyed = new ArrayList<>();
    DestroyInstancePort api =
        id -> {
          destroyed.add(id.value());
          if (id.value() == 2) {
            return DestroyOutcome.ALREADY_GONE;
          }
          if (id.value() == 4) {
            throw new VastApiException(VastApiException.Kind.UNAVAILABLE, "HTTP 503");
          }
          return DestroyOutcome.DESTROYED;
        };
    InstanceLedger ledger = new InstanceLedger(InstanceSelection.all(), clock());
    ledger.fleetChanged(fleet.snapshot(), fleet.snapshot());

    List<InstanceResult> results =
        new DestroyAllService(fleet, ledger, api, Listings.of(), Runnable::run)
            .destroyAll()
            .toCompletableFuture()
            .join();

    // 3 never served a model (a training box, say): kept, never asked.
    assertThat(destroyed).containsExactly(1L, 2L, 4L);
    assertThat(describe(results))
        .containsExactly(
            "1:true:destroyed",
            "2:true:already gone",
            "3:false:" + DestroyAllService.NEVER_SERVED,
            "4:false:HTTP 503");
  }

  @Test
  void destroyAllListsAgainAndReportsWhatIsStillThere() {
    DestroyInstancePort api = id -> DestroyOutcome.DESTROYED;
    InstanceLedger ledger = new InstanceLedger(InstanceSelection.all(), clock());
    ledger.fleetChanged(fleet.snapshot(), fleet.snapshot());

    List<InstanceResult> results =
        new DestroyAllService(
                fleet, ledger, api, Listings.of(Instances.runningSglang(4).build()), Runnable::run)
            .destroyAll()
            .toCompletableFuture()
            .join();

    assertThat(describe(results))
        .containsExactly(
            "1:true:destroyed",
            "2:true:destroyed",
            "3:false:" + DestroyAllService.NEVER_SERVED,
            "4:false:" + DestroyAllService.STILL_LISTED);
  }

  @Test
  void destroyAllSaysWhenItCouldNotVerify() {
    DestroyInstancePort api = id -> DestroyOutcome.DESTROYED;
    InstanceLedger ledger = new InstanceLedger(InstanceSelection.all(), clock());
    ledger.fleetChanged(fleet.snapshot(), fleet.snapshot());

    List<InstanceResult> results =
        new DestroyAllService(fleet, ledger, api, Listings.failing(), Runnable::run)
            .destroyAll()
            .toCompletableFuture()
            .join();

    assertThat(describe(results).get(0)).isEqualTo("1:true:destroyed (not verified: HTTP 503)");
  }

  private static Clock clock() {
    return Clock.fixed(T0, ZoneOffset.UTC);
  }

  @Test
  void theEventLogFollowsTheFleet() {
    FleetEventLog log = new FleetEventLog();
    Fleet watched = new Fleet();
    watched.addListener(log);

    watched.update(f -> fleet.snapshot());
    watched.update(f -> f.withProblem(Optional.of(new FleetProblem("x", T0, 1, false))));
    watched.update(f -> f.withProblem(Optional.empty()).withBackends(List.of()));

    assertThat(watched.snapshot().backends()).isEmpty();
  }
}
