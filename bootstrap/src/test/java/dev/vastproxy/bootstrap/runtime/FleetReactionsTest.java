package dev.vastproxy.bootstrap.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.service.DiscoveryService;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class FleetReactionsTest {
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final Fleet fleet = new Fleet();
  private final List<Instance> listed = new CopyOnWriteArrayList<>();
  private final ListInstancesPort account =
      new ListInstancesPort() {
        @Override
        public InstanceListing listInstances() {
          return new InstanceListing(List.copyOf(listed), List.of());
        }

        @Override
        public Duration answerTimeout() {
          return Duration.ofSeconds(1);
        }
      };
  private final DiscoveryService discovery =
      new DiscoveryService(
          fleet,
          account,
          (delay, task) -> () -> {},
          Runnable::run,
          Clock.systemUTC(),
          Duration.ofSeconds(1),
          Transport.DIRECT,
          RandomGenerator.getDefault());
  private final FleetReactions reactions =
      new FleetReactions(
          fleet,
          discovery,
          List.of(
              (before, after) -> heard.add("fleet first"),
              (before, after) -> heard.add("fleet second"),
              (before, after) -> heard.add("fleet third")),
          List.of(
              (snapshot, requested) -> heard.add("listing first"),
              (snapshot, requested) -> heard.add("listing second")),
          List.of((listed, at) -> heard.add("account " + listed.size())));

  @Test
  void eachListenerHearsInTheListedOrderOnceSubscribed() {
    discovery.pollOnce();
    assertThat(heard).isEmpty();

    reactions.subscribe();
    reactions.subscribe();
    listed.add(Instance.builder(7).running().address("127.0.0.1").build());
    discovery.pollOnce();

    assertThat(heard)
        .containsExactly(
            "account 1",
            "fleet first",
            "fleet second",
            "fleet third",
            "listing first",
            "listing second");
    assertThat(reactions.onFleetChange()).hasSize(3);
  }
}
