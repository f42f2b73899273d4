package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.PrometheusText;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.GpuTelemetry;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fleet gauges read at scrape time and counters of what fleet changes reveal. */
class FleetMetricsTest {
  private static final Instant T0 = Instances.T0;
  private static final InstanceId B1 = new InstanceId(1);
  private static final InstanceId B2 = new InstanceId(2);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final Fleet fleet = new Fleet();

  @BeforeEach
  void enrol() {
    fleet.update(f -> f.withBackends(List.of(Instances.healthy(1, "m"), Instances.discovered(2))));
    fleet.addListener(
        new FleetMetrics(
            registry,
            () -> new FleetView(fleet.snapshot(), new TrafficSummary(0, 0, 0, 3).withHeld(4), T0)));
  }

  private PrometheusText scrape() {
    return new PrometheusText(registry.scrape());
  }

  private void problem(int failures, Instant since, boolean authentication) {
    fleet.update(
        f ->
            f.withProblem(
                Optional.of(new FleetProblem("vast.ai failed", since, failures, authentication))));
  }

  @Test
  void countsBackendsPerStateAtScrapeTime() {
    PrometheusText before = scrape();
    fleet.updateBackend(B2, b -> b.markHealthy(Cards.of("m"), T0));
    PrometheusText after = scrape();

    assertThat(before.sum("vastproxy_backends", "state=\"healthy\"")).isEqualTo(1);
    assertThat(before.sum("vastproxy_backends", "state=\"discovered\"")).isEqualTo(1);
    assertThat(before.sum("vastproxy_backends", "state=\"removing\"")).isZero();
    assertThat(after.sum("vastproxy_backends", "state=\"healthy\"")).isEqualTo(2);
    assertThat(after.sum("vastproxy_backends", "state=\"discovered\"")).isZero();
    assertThat(after.sum("vastproxy_in_flight")).isEqualTo(3);
    assertThat(after.sum("vastproxy_requests_held")).isEqualTo(4);
    assertThat(after.sum("vastproxy_fleet_dollars_per_hour")).isEqualTo(1.28);
  }

  @Test
  void readsInFlightPerBackendLive() {
    Backend one = fleet.snapshot().backend(B1).orElseThrow();
    one.load().begin();
    one.load().begin();

    PrometheusText metrics = scrape();

    assertThat(metrics.sum("vastproxy_backend_in_flight", "backend=\"1\"")).isEqualTo(2);
    assertThat(metrics.sum("vastproxy_backend_in_flight", "backend=\"2\"")).isZero();
  }

  @Test
  void showsEachBackendsSshPath() {
    fleet.updateBackend(B1, b -> b.withGpu(GpuTelemetry.read(List.of(), T0, SshPath.PROXY)));

    PrometheusText metrics = scrape();

    assertThat(metrics.sum("vastproxy_backend_ssh_path", "backend=\"1\"", "path=\"proxy\""))
        .isEqualTo(1);
    assertThat(metrics.sum("vastproxy_backend_ssh_path", "backend=\"1\"", "path=\"direct\""))
        .isZero();
    assertThat(metrics.sum("vastproxy_backend_ssh_path", "backend=\"2\"", "path=\"none\""))
        .isEqualTo(1);
  }

  @Test
  void countsDiscoveryFailuresAsTheyAccumulate() {
    problem(1, T0, false);
    problem(2, T0, false);
    problem(4, T0, false);
    assertThat(scrape().sum("vastproxy_discovery_consecutive_failures")).isEqualTo(4);
    fleet.update(f -> f.withProblem(Optional.empty()));
    problem(1, T0.plusSeconds(60), true);

    PrometheusText metrics = scrape();

    assertThat(metrics.sum("vastproxy_discovery_failures_total", "authentication=\"false\""))
        .isEqualTo(4);
    assertThat(metrics.sum("vastproxy_discovery_failures_total", "authentication=\"true\""))
        .isEqualTo(1);
    assertThat(metrics.sum("vastproxy_discovery_consecutive_failures")).isEqualTo(1);
  }

  @Test
  void aNewRunOfFailuresCountsFromItsStart() {
    problem(3, T0, false);
    problem(1, T0.plusSeconds(30), false);

    assertThat(scrape().sum("vastproxy_discovery_failures_total")).isEqualTo(4);
  }

  @Test
  void countsGpuProbeProblemsWhenTheyAppearOrChange() {
    GpuTelemetry read = GpuTelemetry.read(List.of(), T0, SshPath.DIRECT);
    fleet.updateBackend(B1, b -> b.withGpu(read.failed("timed out", SshPath.DIRECT)));
    fleet.updateBackend(B1, b -> b.withGpu(read.failed("timed out", SshPath.PROXY)));
    fleet.updateBackend(B1, b -> b.withGpu(read.failed("host key changed", SshPath.PROXY)));
    fleet.updateBackend(B1, b -> b.withGpu(read));
    fleet.updateBackend(B1, b -> b.withGpu(read.failed("timed out", SshPath.DIRECT)));

    assertThat(scrape().sum("vastproxy_gpu_probe_failures_total", "backend=\"1\"")).isEqualTo(3);
  }

  @Test
  void countsStateChangesByStateAndReason() {
    StateReason refused = StateReason.of(StateReason.Cause.PROBE_AUTH, "HTTP 401");
    fleet.updateBackend(B1, b -> b.markFailed(T0, Reasons.FAILED));
    fleet.updateBackend(B1, b -> b.markHealthy(Cards.of("m"), T0));
    fleet.updateBackend(B1, b -> b.markFailed(T0, refused));
    fleet.updateBackend(B1, b -> b.markFailed(T0, Reasons.FAILED));
    fleet.updateBackend(B2, b -> b.startConnecting(T0));

    PrometheusText metrics = scrape();

    assertThat(
            metrics.sum(
                "vastproxy_backend_state_changes_total", "backend=\"1\"", "state=\"unhealthy\""))
        .isEqualTo(2);
    assertThat(
            metrics.sum(
                "vastproxy_backend_state_changes_total",
                "backend=\"1\"",
                "state=\"unhealthy\"",
                "reason=\"probe_auth\""))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "vastproxy_backend_state_changes_total",
                "backend=\"1\"",
                "state=\"healthy\"",
                "reason=\"model_list\""))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "vastproxy_backend_state_changes_total",
                "backend=\"2\"",
                "state=\"connecting\"",
                "reason=\"probing\""))
        .isEqualTo(1);
    assertThat(metrics.sum("vastproxy_backend_up", "backend=\"1\"")).isZero();
  }

  @Test
  void perBackendMetersComeAndGoWithTheBackend() {
    fleet.update(f -> f.withBackends(List.of(Instances.healthy(2, "m"), Instances.healthy(3))));

    PrometheusText metrics = scrape();

    assertThat(metrics.has("vastproxy_backend_in_flight", "backend=\"1\"")).isFalse();
    assertThat(metrics.has("vastproxy_backend_ssh_path", "backend=\"1\"")).isFalse();
    assertThat(metrics.has("vastproxy_backend_up", "backend=\"1\"")).isFalse();
    assertThat(metrics.has("vastproxy_backend_dollars_per_hour", "backend=\"1\"")).isFalse();
    assertThat(metrics.sum("vastproxy_backend_up", "backend=\"2\"")).isEqualTo(1);
    assertThat(metrics.has("vastproxy_gpu_probe_failures_total", "backend=\"1\"")).isFalse();
    assertThat(metrics.has("vastproxy_backend_in_flight", "backend=\"3\"")).isTrue();
    assertThat(metrics.has("vastproxy_backend_in_flight", "backend=\"2\"")).isTrue();
  }
}
