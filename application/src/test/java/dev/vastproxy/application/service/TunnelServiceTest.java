package dev.vastproxy.application.service;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.CloseTunnelPort;
import dev.vastproxy.application.port.out.OpenTunnelPort;
import dev.vastproxy.application.support.ManualScheduler;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.Reconciliation;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunnelServiceTest {
  private final MutableClock clock = new MutableClock(T0);
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final Fleet fleet = new Fleet();
  private final List<String> opened = new ArrayList<>();
  private final List<Long> closed = new ArrayList<>();
  private int failuresLeft;
  private final OpenTunnelPort opener =
      (instance, containerPort) -> {
        if (failuresLeft-- > 0) {
          throw new IOException("connection refused");
        }
        opened.add(instance.id() + "->" + containerPort);
        return new Endpoint(Scheme.HTTP, "127.0.0.1", 50_000, instance.bearerToken());
      };
  private final CloseTunnelPort closer = id -> closed.add(id.value());
  private final TunnelService tunnels =
      new TunnelService(fleet, opener, closer, scheduler, Runnable::run, clock);

  private void list(long... ids) {
    fleet.update(
        f ->
            Reconciliation.apply(
                f,
                Arrays.stream(ids).mapToObj(id -> Instances.runningVllm(id).build()).toList(),
                Transport.SSH_TUNNEL,
                clock.instant()));
  }

  private Backend backend(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).orElseThrow();
  }

  @Test
  void givesEachBackendItsTunnelsLocalEndpoint() {
    list(1);
    tunnels.start();

    scheduler.runDue();

    assertThat(opened).containsExactly("1->18000");
    assertThat(backend(1).endpoint().orElseThrow().authority()).isEqualTo("127.0.0.1:50000");
    assertThat(backend(1).endpoint().orElseThrow().bearerToken().reveal()).isEqualTo("token-1");
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(opened).hasSize(1);
  }

  @Test
  void retriesAfterAFailure() {
    failuresLeft = 1;
    list(1);
    tunnels.start();

    scheduler.runDue();
    assertThat(backend(1).endpoint()).isEmpty();
    scheduler.advance(TunnelService.RETRY);

    assertThat(backend(1).endpoint()).isPresent();
  }

  @Test
  void closesTheTunnelOnceTheRemovedBackendIsIdle() {
    list(1);
    tunnels.start();
    scheduler.runDue();
    backend(1).load().begin();
    list();

    scheduler.advance(Duration.ofSeconds(3));
    assertThat(closed).isEmpty();

    backend(1).load().end();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(closed).containsExactly(1L);
  }

  @Test
  void stoppingClosesEveryTunnel() {
    list(1, 2);
    tunnels.start();
    scheduler.runDue();

    tunnels.stop();

    assertThat(closed).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void directBackendsNeedNoTunnel() {
    fleet.update(
        f ->
            Reconciliation.apply(
                f, List.of(Instances.runningVllm(1).build()), Transport.DIRECT, clock.instant()));
    tunnels.tick();

    assertThat(opened).isEmpty();
  }
}
