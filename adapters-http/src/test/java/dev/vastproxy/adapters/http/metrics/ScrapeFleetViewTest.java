package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.PrometheusText;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.Rental;
import dev.vastproxy.domain.testing.Instances;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scrape of {@code /metrics} reads one fleet view, however many fleet gauges there are. */
class ScrapeFleetViewTest {
  private static final Instant END = Instant.parse("2026-12-31T00:00:00Z");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final Fleet fleet = new Fleet();
  private final AtomicInteger views = new AtomicInteger();
  private final ObserveFleetUseCase counting =
      () -> {
        views.incrementAndGet();
        return new FleetView(fleet.snapshot(), new TrafficSummary(0, 0, 0, 2), Instances.T0);
      };
  private final ScrapeFleetView scrapes = new ScrapeFleetView(counting);

  @BeforeEach
  void enrol() {
    Backend ending =
        Backend.discovered(
            Instances.runningVllm(3)
                .rental(new Rental("vastai/vllm:x", "running", "running", Optional.of(END)))
                .build(),
            Transport.DIRECT,
            Instances.T0);
    fleet.update(
        f -> f.withBackends(List.of(Instances.healthy(1, "m"), Instances.discovered(2), ending)));
    for (var listener :
        List.of(
            new FleetMetrics(registry, scrapes),
            new TokenMetrics(registry, scrapes),
            new ContractEndMetrics(registry, scrapes))) {
      fleet.addListener(listener);
    }
    views.set(0);
  }

  @Test
  void oneScrapeReadsOneView() {
    PrometheusText metrics = new PrometheusText(scrapes.during(registry::scrape));

    assertThat(views).hasValue(1);
    assertThat(metrics.sum("vastproxy_backends", "state=\"healthy\"")).isEqualTo(1);
    assertThat(metrics.sum("vastproxy_backends", "state=\"discovered\"")).isEqualTo(2);
    assertThat(metrics.sum("vastproxy_in_flight")).isEqualTo(2);
    assertThat(metrics.sum("vastproxy_instance_end_time_seconds", "backend=\"3\""))
        .isEqualTo(END.getEpochSecond());
    assertThat(metrics.sum("vastproxy_backend_up", "backend=\"1\"")).isEqualTo(1);
  }

  @Test
  void eachScrapeTakesItsOwnView() {
    scrapes.during(registry::scrape);
    fleet.update(f -> f.withBackends(List.of(Instances.healthy(1, "m"))));
    views.set(0);

    PrometheusText metrics = new PrometheusText(scrapes.during(registry::scrape));

    assertThat(views).hasValue(1);
    assertThat(metrics.sum("vastproxy_backends", "state=\"discovered\"")).isZero();
    assertThat(metrics.sum("vastproxy_backends", "state=\"healthy\"")).isEqualTo(1);
  }

  @Test
  void outsideAScrapeEveryReadTakesAFreshView() {
    registry.scrape();

    assertThat(views.get()).isGreaterThan(10);
  }

  @Test
  void aScrapeWithinAScrapeReadsTheOuterView() {
    FleetView[] seen = new FleetView[2];
    scrapes.during(
        () -> {
          seen[0] = scrapes.observeFleet();
          return scrapes.during(() -> seen[1] = scrapes.observeFleet());
        });

    assertThat(seen[1]).isNotNull().isSameAs(seen[0]);
    assertThat(views).hasValue(1);
  }
}
