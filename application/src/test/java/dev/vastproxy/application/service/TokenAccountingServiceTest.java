package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.cost.TokenCost;
import dev.vastproxy.domain.cost.TokenTally;
import dev.vastproxy.domain.cost.TokensServed;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenAccountingServiceTest {
  private final Fleet fleet = new Fleet();
  private final TokenAccountingService tokens = new TokenAccountingService(fleet);

  @Test
  void eachAnswerIsCreditedToTheInstanceThatServedIt() {
    Backend one = Instances.healthy(1, "m");
    Backend two = Instances.healthy(2, "m");
    fleet.update(f -> f.withBackends(List.of(one, two)));

    tokens.served(one.id(), TokensServed.usage(12, 8));
    tokens.served(two.id(), TokensServed.estimate(5));
    tokens.served(one.id(), TokensServed.usage(10, 2));
    tokens.served(new InstanceId(99), TokensServed.usage(1_000, 1_000));

    assertThat(one.load().tokens().tally()).isEqualTo(new TokenTally(22, 10, 0, 0));
    assertThat(two.load().tokens().tally()).isEqualTo(new TokenTally(0, 0, 0, 5));
  }

  @Test
  void anAnswerThatEndsAfterItsInstanceWasUnlistedStillCounts() {
    Backend gone = Instances.healthy(3, "m").transitionTo(BackendState.REMOVING, T0, Reasons.GONE);
    fleet.update(f -> f.withBackends(List.of(gone)));

    tokens.served(gone.id(), TokensServed.usage(4, 4));

    assertThat(gone.load().tokens().tally().total()).isEqualTo(8);
  }

  @Test
  void theFleetViewTotalsDollarsAndTokensIdleInstancesIncluded() {
    // $0.64/h each (the fixture's dph_total), both enrolled at T0; only one served anything.
    Backend busy = Instances.healthy(4, "m");
    Backend idle = Instances.healthy(5, "m");
    fleet.update(f -> f.withBackends(List.of(busy, idle)));
    tokens.served(busy.id(), TokensServed.usage(600_000, 680_000));

    FleetView view =
        new FleetView(
            fleet.snapshot(), new TrafficSummary(0, 0, 0, 0), T0.plus(Duration.ofHours(1)));
    TokenCost cost = view.cost();

    assertThat(cost.dollars()).isCloseTo(1.28, within(1e-9));
    assertThat(cost.tokens().total()).isEqualTo(1_280_000);
    assertThat(cost.dollarsPerMillionTokens().getAsDouble()).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void manyThreadsCountingAtOnceLoseNoToken() throws InterruptedException {
    Backend one = Instances.healthy(6, "m");
    fleet.update(f -> f.withBackends(List.of(one)));
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 12; t++) {
      boolean usage = t % 3 != 0;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  tokens.served(
                      one.id(), usage ? TokensServed.usage(2, 3) : TokensServed.estimate(4));
                }
              });
      thread.start();
      threads.add(thread);
    }
    // The fleet keeps changing while the counts go up: the counters live across snapshots.
    for (int i = 0; i < 200; i++) {
      fleet.update(f -> f.withProblem(Optional.empty()).withBackends(f.backends()));
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(one.load().tokens().tally()).isEqualTo(new TokenTally(160_000, 240_000, 0, 160_000));
  }
}
