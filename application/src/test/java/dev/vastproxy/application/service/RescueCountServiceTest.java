package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.Rescue;
import dev.vastproxy.domain.backend.RescueCounts;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class RescueCountServiceTest {
  private final Fleet fleet = new Fleet();
  private final RequestStatistics statistics = new RequestStatistics(new MutableClock(T0));
  private final RescueCountService service = new RescueCountService(fleet, statistics);

  @Test
  void aRescueCountsForTheFleetAndForItsInstance() {
    fleet.update(
        f -> f.withBackends(List.of(Instances.healthy(1, "m"), Instances.healthy(2, "m"))));

    service.count(new InstanceId(1), Rescue.RESUMED);
    service.count(new InstanceId(1), Rescue.NOT_RESUMABLE);
    service.count(new InstanceId(2), Rescue.RESUME_FAILED);
    service.count(new InstanceId(2), Rescue.RETRIED_BEFORE_FIRST_BYTE);

    assertThat(statistics.summary(0).rescues()).isEqualTo(new RescueCounts(1, 1, 1, 1));
    assertThat(fleet.snapshot().backend(new InstanceId(1)).orElseThrow().load().rescues().counts())
        .isEqualTo(new RescueCounts(0, 1, 1, 0));
    assertThat(fleet.snapshot().backend(new InstanceId(2)).orElseThrow().load().rescues().counts())
        .isEqualTo(new RescueCounts(1, 0, 0, 1));
  }

  @Test
  void theFleetTotalsOutliveAnInstanceThatLeft() {
    service.count(new InstanceId(9), Rescue.RESUMED);

    assertThat(statistics.summary(0).rescues().resumed()).isEqualTo(1);
    assertThat(fleet.snapshot().backends()).isEmpty();
  }
}
