package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vastproxy.adapters.http.PrometheusText;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.cost.TokensServed;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Token counters and cost gauges, read at scrape time, per backend and for the fleet. */
class TokenMetricsTest {
  private static final Instant ONE_HOUR_IN = Instances.T0.plus(Duration.ofHours(1));

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final Fleet fleet = new Fleet();

  @BeforeEach
  void enrol() {
    // Both $0.64/h, enrolled at T0, read an hour later.
    fleet.update(
        f -> f.withBackends(List.of(Instances.healthy(1, "m"), Instances.healthy(2, "m"))));
    fleet.addListener(
        new TokenMetrics(
            registry,
            () -> new FleetView(fleet.snapshot(), new TrafficSummary(0, 0, 0, 0), ONE_HOUR_IN)));
  }

  private Backend backend(long id) {
    return fleet.snapshot().backend(new InstanceId(id)).orElseThrow();
  }

  private PrometheusText scrape() {
    return new PrometheusText(registry.scrape());
  }

  @Test
  void countsTokensByBackendKindAndSource() {
    backend(1).load().tokens().add(TokensServed.usage(300_000, 100_000));
    backend(1).load().tokens().add(TokensServed.estimate(40));
    backend(2).load().tokens().add(TokensServed.estimate(7));

    PrometheusText metrics = scrape();

    assertThat(
            metrics.sum(
                "vastproxy_tokens_total", "backend=\"1\"", "kind=\"prompt\"", "source=\"usage\""))
        .isEqualTo(300_000);
    assertThat(
            metrics.sum(
                "vastproxy_tokens_total",
                "backend=\"1\"",
                "kind=\"completion\"",
                "source=\"usage\""))
        .isEqualTo(100_000);
    assertThat(
            metrics.sum(
                "vastproxy_tokens_total",
                "backend=\"1\"",
                "kind=\"completion\"",
                "source=\"estimate\""))
        .isEqualTo(40);
    assertThat(metrics.sum("vastproxy_tokens_total", "backend=\"2\"")).isEqualTo(7);
    // The instances' bearer tokens are no token counts.
    assertThat(metrics.toString()).doesNotContain("token-1").doesNotContain("token-2");
  }

  @Test
  void pricesTokensPerBackendAndForTheFleetIdleTimeIncluded() {
    backend(1).load().tokens().add(TokensServed.usage(40_000, 24_000));

    PrometheusText metrics = scrape();

    assertThat(metrics.sum("vastproxy_backend_cost_dollars", "backend=\"1\""))
        .isCloseTo(0.64, within(1e-9));
    assertThat(metrics.sum("vastproxy_backend_cost_dollars", "backend=\"2\""))
        .isCloseTo(0.64, within(1e-9));
    assertThat(metrics.sum("vastproxy_backend_dollars_per_million_tokens", "backend=\"1\""))
        .isCloseTo(10.0, within(1e-9));
    assertThat(metrics.sum("vastproxy_backend_dollars_per_million_tokens", "backend=\"2\""))
        .isNaN();
    assertThat(metrics.sum("vastproxy_fleet_cost_dollars")).isCloseTo(1.28, within(1e-9));
    // The idle instance's hour doubles what each token cost the fleet.
    assertThat(metrics.sum("vastproxy_fleet_dollars_per_million_tokens"))
        .isCloseTo(20.0, within(1e-9));
  }

  @Test
  void aBackendsMetersLeaveWithItAndARediscoveredOneStartsAfresh() {
    backend(2).load().tokens().add(TokensServed.usage(5, 5));
    fleet.update(f -> f.withBackends(List.of(backend(1))));

    assertThat(scrape().has("vastproxy_tokens_total", "backend=\"2\"")).isFalse();
    assertThat(scrape().has("vastproxy_backend_cost_dollars", "backend=\"2\"")).isFalse();

    fleet.update(f -> f.withBackends(List.of(backend(1), Instances.healthy(2, "m"))));
    backend(2).load().tokens().add(TokensServed.estimate(3));

    assertThat(scrape().sum("vastproxy_tokens_total", "backend=\"2\"")).isEqualTo(3);
  }

  @Test
  void aBackendReplacedByANewEnrolmentInOneChangeIsCountedFromTheNewOne() {
    backend(2).load().tokens().add(TokensServed.usage(5, 5));
    Backend again = Instances.healthy(2, "m");
    fleet.update(f -> f.withBackends(List.of(backend(1), again)));
    again.load().tokens().add(TokensServed.estimate(3));

    assertThat(scrape().sum("vastproxy_tokens_total", "backend=\"2\"")).isEqualTo(3);
  }
}
