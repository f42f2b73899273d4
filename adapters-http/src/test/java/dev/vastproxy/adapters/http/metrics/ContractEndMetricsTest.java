package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.Rental;
import dev.vastproxy.domain.testing.Instances;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractEndMetricsTest {
  private static final Instant END = Instant.parse("2026-12-01T12:00:00Z");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final Fleet fleet = new Fleet();

  private static Backend ending(long id) {
    return Backend.discovered(
        Instances.runningVllm(id)
            .rental(new Rental("vastai/vllm:x", "running", "running", Optional.of(END)))
            .build(),
        Transport.DIRECT,
        Instances.T0);
  }

  @Test
  void exportsTheContractEndOfInstancesThatHaveOne() {
    fleet.update(f -> f.withBackends(List.of(ending(1), Instances.discovered(2))));
    ContractEndMetrics metrics =
        new ContractEndMetrics(
            registry,
            () -> new FleetView(fleet.snapshot(), new TrafficSummary(0, 0, 0, 0), Instances.T0));
    fleet.addListener(metrics);

    String text = registry.scrape();

    assertThat(text)
        .contains("# TYPE vastproxy_instance_end_time_seconds gauge")
        .contains(
            "vastproxy_instance_end_time_seconds{backend=\"1\"} " + (double) END.getEpochSecond());
    assertThat(metrics.tracks(new InstanceId(2))).isFalse();

    fleet.update(f -> f.withBackends(List.of(Instances.discovered(2))));

    assertThat(registry.scrape()).doesNotContain("vastproxy_instance_end_time_seconds{");
    assertThat(metrics.toString()).isEqualTo("ContractEndMetrics[]");
  }
}
