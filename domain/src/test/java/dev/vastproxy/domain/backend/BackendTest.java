package dev.vastproxy.domain.backend;

import static dev.vastproxy.domain.testing.Instances.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class BackendTest {
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  private Instant later(int seconds) {
    return Clock.offset(clock, Duration.ofSeconds(seconds)).instant();
  }

  @Test
  void aDiscoveredBackendKnowsHowToReachItsEngine() {
    Backend backend = Instances.discovered(24681357);

    assertThat(backend.state()).isEqualTo(BackendState.DISCOVERED);
    assertThat(backend.since()).isEqualTo(T0);
    assertThat(backend.engine()).isEqualTo(Engine.VLLM);
    assertThat(backend.containerPort()).isEqualTo(18000);
    assertThat(backend.endpoint().orElseThrow().baseUri()).isEqualTo("http://203.0.113.108:40357");
    assertThat(backend.isRoutable()).isFalse();
    assertThat(backend.primaryModel()).isEmpty();
  }

  @Test
  void everyTransitionIsStampedWithTheClocksTime() {
    Backend backend = Instances.discovered(1);

    Backend connecting = backend.startConnecting(later(1));
    Backend healthy = connecting.markHealthy(Cards.of("m"), later(2));
    Backend unhealthy = healthy.markFailed(later(3), Reasons.FAILED);
    Backend back = unhealthy.markHealthy(Cards.of("m"), later(4));
    Backend removing = back.transitionTo(BackendState.REMOVING, later(5), Reasons.GONE);

    assertThat(List.of(connecting, healthy, unhealthy, back, removing))
        .extracting(Backend::state, Backend::since)
        .containsExactly(
            Tuple.tuple(BackendState.CONNECTING, later(1)),
            Tuple.tuple(BackendState.HEALTHY, later(2)),
            Tuple.tuple(BackendState.UNHEALTHY, later(3)),
            Tuple.tuple(BackendState.HEALTHY, later(4)),
            Tuple.tuple(BackendState.REMOVING, later(5)));
    assertThat(removing.timeInState(later(65))).isEqualTo(Duration.ofMinutes(1));
    assertThat(removing.timeInState(T0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void stayingInAStateKeepsItsStartTime() {
    Backend healthy = Instances.healthy(1, "m");

    Backend again = healthy.markHealthy(Cards.of("m"), later(30));

    assertThat(again).isSameAs(healthy);
    assertThat(healthy.transitionTo(BackendState.HEALTHY, later(9), Reasons.GONE))
        .isSameAs(healthy);
  }

  @Test
  void refusesTransitionsTheLifecycleForbids() {
    Backend removing =
        Instances.discovered(1).transitionTo(BackendState.REMOVING, T0, Reasons.GONE);

    assertThatThrownBy(() -> removing.transitionTo(BackendState.HEALTHY, later(1), Reasons.GONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REMOVING")
        .hasMessageContaining("HEALTHY");
    assertThatThrownBy(
            () ->
                Instances.discovered(1)
                    .transitionTo(BackendState.UNHEALTHY, later(1), Reasons.GONE))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failuresOnlyDemoteHealthyBackends() {
    Backend connecting = Instances.discovered(1).startConnecting(T0);

    Backend stillConnecting = connecting.markFailed(later(1), Reasons.FAILED);
    assertThat(stillConnecting.state()).isEqualTo(BackendState.CONNECTING);
    assertThat(stillConnecting.since()).isEqualTo(T0);
    assertThat(stillConnecting.markFailed(later(2), Reasons.FAILED)).isSameAs(stillConnecting);
    assertThat(Instances.discovered(1).markFailed(later(1), Reasons.FAILED).state())
        .isEqualTo(BackendState.DISCOVERED);
    Backend removing = connecting.transitionTo(BackendState.REMOVING, later(2), Reasons.GONE);
    assertThat(removing.markHealthy(Cards.of("m"), later(3))).isSameAs(removing);
    assertThat(removing.startConnecting(later(3))).isSameAs(removing);
  }

  @Test
  void everyStateSaysWhy() {
    Backend discovered = Instances.discovered(1);
    Backend connecting = discovered.startConnecting(T0);
    StateReason refused = StateReason.of(StateReason.Cause.PROBE_AUTH, "HTTP 401");
    Backend stillConnecting = connecting.markFailed(later(1), refused);
    Backend healthy = stillConnecting.markHealthy(Cards.of("a", "b"), later(2));
    Backend unhealthy = healthy.markFailed(later(3), refused);
    Backend removing = unhealthy.transitionTo(BackendState.REMOVING, later(4), Reasons.GONE);

    assertThat(List.of(discovered, connecting, stillConnecting, healthy, unhealthy, removing))
        .extracting(backend -> backend.reason().cause())
        .containsExactly(
            StateReason.Cause.LISTED,
            StateReason.Cause.PROBING,
            StateReason.Cause.PROBE_AUTH,
            StateReason.Cause.MODEL_LIST,
            StateReason.Cause.PROBE_AUTH,
            StateReason.Cause.GONE);
    assertThat(healthy.reason().describe()).isEqualTo("model list: GET /v1/models listed 2 models");
    assertThat(removing.markFailed(later(5), refused)).isSameAs(removing);
  }

  @Test
  void reasonsAreOneShortLine() {
    StateReason reason =
        StateReason.of(StateReason.Cause.PROBE_ERROR, "  first\n  second\t" + "x".repeat(500));

    assertThat(reason.detail()).startsWith("first second x").hasSize(StateReason.MAX_DETAIL);
    assertThat(reason.detail()).endsWith("...");
    assertThat(StateReason.of(StateReason.Cause.GONE, "").describe()).isEqualTo("gone");
    assertThat(StateReason.Cause.NOT_A_MODEL_LIST.label()).isEqualTo("not_a_model_list");
  }

  @Test
  void healthyBackendsRecordTheirModels() {
    Backend backend = Instances.discovered(1).markHealthy(Cards.of("a", "b"), T0);

    assertThat(backend.isRoutable()).isTrue();
    assertThat(backend.primaryModel()).contains("a");
    assertThat(backend.serves("b")).isTrue();
    assertThat(backend.serves("c")).isFalse();
    assertThat(backend.markHealthy(Cards.of("c"), later(1)).models()).containsExactly("c");
    assertThat(backend.models()).containsExactly("a", "b");
    assertThat(backend.cards()).isEqualTo(Cards.of("a", "b"));
  }

  @Test
  void updatesFromVastKeepStateLoadAndHttpsUpgrade() {
    Backend healthy =
        Instances.healthy(1, "m")
            .withEndpoint(Instances.discovered(1).endpoint().map(e -> e.withScheme(Scheme.HTTPS)));
    Instance relabelled = Instances.runningVllm(1).label("proxied").build();

    Backend updated = healthy.withInstance(relabelled);

    assertThat(updated.instance().label()).contains("proxied");
    assertThat(updated.state()).isEqualTo(BackendState.HEALTHY);
    assertThat(updated.since()).isEqualTo(healthy.since());
    assertThat(updated.load()).isSameAs(healthy.load());
    assertThat(updated.endpoint().orElseThrow().scheme()).isEqualTo(Scheme.HTTPS);
    assertThat(healthy.withInstance(healthy.instance())).isSameAs(healthy);
  }

  @Test
  void aMovedInstanceIsSpokenToOverHttpAgain() {
    Backend https =
        Instances.healthy(1, "m")
            .withEndpoint(Instances.discovered(1).endpoint().map(e -> e.withScheme(Scheme.HTTPS)));
    Instance moved = Instances.runningVllm(1).portMapping(8000, 41234).build();

    Endpoint endpoint = https.withInstance(moved).endpoint().orElseThrow();

    assertThat(endpoint.scheme()).isEqualTo(Scheme.HTTP);
    assertThat(endpoint.port()).isEqualTo(41234);
  }

  @Test
  void tunnelEndpointsSurviveUpdatesWithTheNewToken() {
    Backend tunnelled =
        Backend.discovered(Instances.runningVllm(1).build(), Transport.SSH_TUNNEL, T0);
    assertThat(tunnelled.endpoint()).isEmpty();
    Backend withTunnel =
        tunnelled.withEndpoint(
            Optional.of(new Endpoint(Scheme.HTTP, "127.0.0.1", 50001, Secret.of("old"))));

    Backend updated = withTunnel.withInstance(Instances.runningVllm(1).token("new").build());

    assertThat(updated.endpoint().orElseThrow().authority()).isEqualTo("127.0.0.1:50001");
    assertThat(updated.endpoint().orElseThrow().bearerToken().reveal()).isEqualTo("new");
  }

  @Test
  void refusesAnotherInstancesUpdate() {
    assertThatThrownBy(() -> Instances.discovered(1).withInstance(Instances.runningVllm(2).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gpuTelemetryKeepsLastReadingsOnFailure() {
    GpuReading reading =
        new GpuReading(
            0,
            OptionalDouble.of(87),
            OptionalDouble.of(71),
            OptionalLong.of(22145),
            OptionalLong.of(24564));
    GpuTelemetry read = GpuTelemetry.read(List.of(reading), T0, SshPath.DIRECT);

    GpuTelemetry failed = read.failed("timeout", SshPath.PROXY);
    Backend backend = Instances.discovered(1).withGpu(failed);

    assertThat(backend.gpu().readings()).containsExactly(reading);
    assertThat(backend.gpu().problem()).contains("timeout");
    assertThat(backend.gpu().path()).isEqualTo(SshPath.PROXY);
    assertThat(GpuTelemetry.none().readAt()).isEmpty();
  }
}
