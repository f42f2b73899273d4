package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.PrometheusText;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.load.EngineReport;
import dev.vastproxy.domain.load.LoadReading;
import dev.vastproxy.domain.testing.Instances;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EngineLoadMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final Fleet fleet = new Fleet();

  @Test
  void perBackendGaugesFollowTheLiveSignalsAndLeaveWithTheBackend() {
    fleet.addListener(new EngineLoadMetrics(registry));
    Backend one = Instances.healthy(1, "m");
    fleet.update(f -> f.withBackends(List.of(one)));
    PrometheusText quiet = new PrometheusText(registry.scrape());
    assertThat(quiet.has("vastproxy_engine_running_requests", "backend=\"1\"")).isTrue();

    one.load()
        .signals()
        .record(
            new LoadReading(
                new EngineReport(
                    3, 5, OptionalDouble.of(0.5), OptionalDouble.empty(), OptionalDouble.empty()),
                Instances.T0,
                0,
                OptionalDouble.of(250)));
    one.load().signals().requestCompleted(2_000_000_000L);
    one.load().signals().firstByte(100_000_000L);
    one.load().signals().markOutlier(true);
    PrometheusText busy = new PrometheusText(registry.scrape());

    assertThat(busy.sum("vastproxy_engine_running_requests", "backend=\"1\"")).isEqualTo(3);
    assertThat(busy.sum("vastproxy_engine_waiting_requests", "backend=\"1\"")).isEqualTo(5);
    assertThat(busy.sum("vastproxy_engine_kv_cache_usage_ratio", "backend=\"1\"")).isEqualTo(0.5);
    assertThat(busy.sum("vastproxy_engine_generation_tokens_per_second", "backend=\"1\""))
        .isEqualTo(250);
    assertThat(busy.sum("vastproxy_backend_measured_request_seconds", "backend=\"1\""))
        .isEqualTo(2);
    assertThat(busy.sum("vastproxy_backend_measured_first_byte_seconds", "backend=\"1\""))
        .isEqualTo(0.1);
    assertThat(busy.sum("vastproxy_backend_slow_outlier", "backend=\"1\"")).isEqualTo(1);

    Backend reborn = Instances.healthy(1, "m");
    fleet.update(f -> f.withBackends(List.of(reborn)));
    assertThat(
            new PrometheusText(registry.scrape())
                .sum("vastproxy_backend_slow_outlier", "backend=\"1\""))
        .isZero();

    fleet.update(f -> f.withBackends(List.of()));
    assertThat(new PrometheusText(registry.scrape()).has("vastproxy_engine_running_requests"))
        .isFalse();
  }
}
