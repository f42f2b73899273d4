package dev.vastproxy.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import dev.vastproxy.domain.testing.Instances;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class QueueLimitTest {
  private final Backend one = Instances.healthy(1, "a");
  private final Backend two = Instances.healthy(2, "a");
  private final Backend three = Instances.healthy(3, "b");
  private final RoutingTable table =
      RoutingTable.build(List.of(one, two, three), RoutingTable.empty());

  private static void waiting(Backend backend, int queued) {
    backend
        .load()
        .signals()
        .record(
            new LoadReading(EngineReport.of(8, queued), Instant.EPOCH, 0, OptionalDouble.empty()));
  }

  @Test
  void aGroupIsFullOnlyWhenEveryMemberReportsMoreQueuedThanTheLimit() {
    QueueLimit limit = new QueueLimit(4);
    RouteGroup servingA = QueueLimit.candidates(table, Optional.of("a")).orElseThrow();
    waiting(one, 5);
    assertThat(limit.allOver(servingA)).as("two gives no signal").isFalse();

    waiting(two, 4);
    assertThat(limit.allOver(servingA)).as("two is at the limit, not over").isFalse();

    waiting(two, 5);
    assertThat(limit.allOver(servingA)).isTrue();
    assertThat(QueueLimit.OFF.allOver(servingA)).isFalse();
    assertThat(limit.allOver(QueueLimit.candidates(table, Optional.empty()).orElseThrow()))
        .as("three, serving b, has room")
        .isFalse();
  }

  @Test
  void candidatesAreTheModelsServersOrAllOrNone() {
    assertThat(QueueLimit.candidates(table, Optional.of("b")).orElseThrow().members())
        .containsExactly(three);
    assertThat(QueueLimit.candidates(table, Optional.empty()).orElseThrow().size()).isEqualTo(3);
    assertThat(QueueLimit.candidates(table, Optional.of("c"))).isEmpty();
    assertThat(QueueLimit.candidates(RoutingTable.empty(), Optional.empty())).isEmpty();
    assertThat(new QueueLimit(3).enabled()).isTrue();
    assertThatThrownBy(() -> new QueueLimit(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
