package dev.vastproxy.domain.routing;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

  @Test
  void holdsOnlyHealthyBackendsInIdOrder() {
    List<Backend> fleet =
        List.of(
            Instances.healthy(30, "a"),
            Instances.discovered(5),
            Instances.healthy(10, "a", "b"),
            Instances.healthy(20, "b").markFailed(T0, Reasons.FAILED),
            Instances.healthy(40, "c").transitionTo(BackendState.REMOVING, T0, Reasons.GONE));

    RoutingTable table = RoutingTable.build(fleet, RoutingTable.empty());

    assertThat(table.all().members()).extracting(Backend::id).containsExactly(id(10), id(30));
    assertThat(table.serving("a").orElseThrow().members())
        .extracting(Backend::id)
        .containsExactly(id(10), id(30));
    assertThat(table.serving("b").orElseThrow().members())
        .extracting(Backend::id)
        .containsExactly(id(10));
    assertThat(table.serving("c")).isEmpty();
    assertThat(table.models()).containsExactly("a", "b");
    assertThat(table.backend(id(10))).isPresent();
    assertThat(table.backend(id(20))).isEmpty();
    assertThat(table.isEmpty()).isFalse();
  }

  @Test
  void listsEachModelOnceEvenWhenABackendRepeatsIt() {
    RoutingTable table =
        RoutingTable.build(List.of(Instances.healthy(1, "m", "m")), RoutingTable.empty());

    assertThat(table.models()).containsExactly("m");
    assertThat(table.serving("m").orElseThrow().size()).isEqualTo(1);
  }

  @Test
  void eachModelIsListedAsTheHealthyBackendWithTheLowestIdDescribesIt() {
    ModelCard fromOne = new ModelCard("m", "{\"id\":\"m\",\"max_model_len\":8192}");
    ModelCard fromTwo = new ModelCard("m", "{\"id\":\"m\",\"max_model_len\":32768}");
    ModelCard fromThree = new ModelCard("m", "{\"id\":\"m\",\"max_model_len\":4096}");
    ModelCard other = new ModelCard("n", "{\"id\":\"n\",\"meta\":{\"n_ctx\":4096}}");
    List<Backend> fleet =
        List.of(
            Instances.discovered(3).markHealthy(List.of(fromThree, other), T0),
            Instances.discovered(2).markHealthy(List.of(fromTwo), T0),
            Instances.discovered(1)
                .markHealthy(List.of(fromOne), T0)
                .markFailed(T0, Reasons.FAILED));

    RoutingTable table = RoutingTable.build(fleet, RoutingTable.empty());

    assertThat(table.cards()).containsExactly(fromTwo, other);
    assertThat(RoutingTable.empty().cards()).isEmpty();
    assertThat(RoutingTable.build(List.of(Instances.discovered(1)), table).cards()).isEmpty();
  }

  @Test
  void carriesRotationAcrossRebuilds() {
    RoundRobinPolicy policy = new RoundRobinPolicy();
    List<Backend> fleet = List.of(Instances.healthy(1, "m"), Instances.healthy(2, "m"));
    RoutingTable first = RoutingTable.build(fleet, RoutingTable.empty());

    Backend a = policy.choose(first.all());
    RoutingTable rebuilt = RoutingTable.build(fleet, first);
    Backend b = policy.choose(rebuilt.all());
    Backend c = policy.choose(rebuilt.serving("m").orElseThrow());
    Backend d = policy.choose(RoutingTable.build(fleet, rebuilt).serving("m").orElseThrow());

    assertThat(List.of(a.id(), b.id())).containsExactly(id(1), id(2));
    assertThat(List.of(c.id(), d.id())).containsExactly(id(1), id(2));
  }

  @Test
  void emptyWhenNothingIsHealthy() {
    RoutingTable table = RoutingTable.build(List.of(Instances.discovered(1)), RoutingTable.empty());

    assertThat(table.isEmpty()).isTrue();
    assertThat(table.models()).isEmpty();
  }

  @Test
  void groupsDropExcludedBackendsButShareTheirRotation() {
    RouteGroup group =
        RoutingTable.build(
                List.of(Instances.healthy(1), Instances.healthy(2), Instances.healthy(3)),
                RoutingTable.empty())
            .all();

    assertThat(group.without(Set.of())).isSameAs(group);
    assertThat(group.without(Set.of(id(9)))).isSameAs(group);
    RouteGroup less = group.without(Set.of(id(2)));
    assertThat(less.members()).extracting(Backend::id).containsExactly(id(1), id(3));
    group.nextPosition();
    assertThat(less.nextPosition()).isEqualTo(1);
  }

  private static InstanceId id(long value) {
    return new InstanceId(value);
  }
}
