package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Two replicas over one vast.ai account: labels survive one of them leaving. */
class LabelReplicasTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final MutableClock clock = new MutableClock(T0);
  private final Map<Long, String> accountLabels = new TreeMap<>();
  private final List<String> writes = new ArrayList<>();

  /** The account: two running instances whose labels the replicas share. */
  private final ListInstancesPort listing =
      new ListInstancesPort() {
        @Override
        public InstanceListing listInstances() {
          List<Instance> rows = new ArrayList<>();
          for (long id : List.of(1L, 2L)) {
            Instance.Builder row = Instances.runningVllm(id);
            String label = accountLabels.getOrDefault(id, "");
            if (!label.isEmpty()) {
              row.label(label);
            }
            rows.add(row.build());
          }
          return new InstanceListing(rows, List.of());
        }

        @Override
        public Duration answerTimeout() {
          return Duration.ofSeconds(30);
        }
      };

  private final LabelInstancePort labelling =
      (id, label) -> {
        writes.add(id + "=" + label);
        accountLabels.put(id.value(), label);
      };

  /** One replica: its own fleet, discovery and labels. */
  private final class Replica {
    final Fleet fleet = new Fleet();
    final LabelService labels =
        new LabelService(labelling, Runnable::run, "proxied", clock, id -> false);
    final DiscoveryService discovery =
        new DiscoveryService(
            fleet,
            listing,
            new ManualScheduler(clock),
            Runnable::run,
            clock,
            INTERVAL,
            Transport.DIRECT,
            new Random(1));

    Replica() {
      fleet.addListener(labels);
      discovery.addListingListener(labels);
    }

    void pollAndFindHealthy() {
      discovery.pollOnce();
      for (long id : List.of(1L, 2L)) {
        fleet.updateBackend(new InstanceId(id), b -> b.markHealthy(Cards.of("m"), clock.instant()));
      }
    }
  }

  @Test
  void theReplicasThatStayRestoreTheLabelsOfOneThatLeftWithinOnePoll() {
    Replica a = new Replica();
    Replica b = new Replica();
    a.pollAndFindHealthy();
    clock.advance(Duration.ofSeconds(1));
    b.pollAndFindHealthy();
    assertThat(accountLabels).containsEntry(1L, "proxied").containsEntry(2L, "proxied");
    // b's instances already read ours when it found them healthy: no second write.
    assertThat(writes).containsExactly("1=proxied", "2=proxied");

    clock.advance(INTERVAL);
    a.discovery.pollOnce();
    b.discovery.pollOnce();
    assertThat(writes).as("labels that read ours are not written again").hasSize(2);

    a.discovery.stop();
    a.labels.clearAll().join();
    assertThat(accountLabels).containsEntry(1L, "").containsEntry(2L, "");

    clock.advance(INTERVAL);
    b.discovery.pollOnce();

    assertThat(accountLabels).containsEntry(1L, "proxied").containsEntry(2L, "proxied");
    assertThat(writes)
        .containsExactly("1=proxied", "2=proxied", "1=", "2=", "1=proxied", "2=proxied");
  }

  @Test
  void aUserLabelIsLeftAloneByEveryReplica() {
    accountLabels.put(2L, "training");
    Replica a = new Replica();
    Replica b = new Replica();
    a.pollAndFindHealthy();
    b.pollAndFindHealthy();
    clock.advance(INTERVAL);
    a.discovery.pollOnce();
    a.labels.clearAll().join();
    b.discovery.pollOnce();

    assertThat(accountLabels).containsEntry(2L, "training").containsEntry(1L, "proxied");
    assertThat(writes).noneMatch(write -> write.startsWith("2="));
  }
}
