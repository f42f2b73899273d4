package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.PrometheusText;
import dev.vastproxy.adapters.http.proxy.ProxyObserver.Outcome;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request meters by backend, status and outcome, cached and dropped with their backend. */
class MicrometerProxyObserverTest {
  private static final InstanceId B101 = new InstanceId(101);
  private static final long MS_40 = Duration.ofMillis(40).toNanos();

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final MicrometerProxyObserver observer = new MicrometerProxyObserver(registry);

  private PrometheusText scrape() {
    return new PrometheusText(registry.scrape());
  }

  @Test
  void countsRequestsByBackendStatusAndOutcome() {
    for (int i = 0; i < 3; i++) {
      observer.responseStarted(B101, 200, MS_40);
      observer.requestEnded(Optional.of(B101), 200, Outcome.COMPLETED, 2 * MS_40);
    }
    observer.requestEnded(Optional.of(B101), 200, Outcome.CLIENT_GONE, MS_40);
    observer.requestEnded(Optional.of(B101), 502, Outcome.BACKEND_FAILED, MS_40);
    observer.requestEnded(Optional.empty(), 503, Outcome.NOT_ROUTED, 1000);

    PrometheusText metrics = scrape();

    assertThat(
            metrics.sum(
                "vastproxy_requests_total",
                "backend=\"101\"",
                "status=\"200\"",
                "outcome=\"completed\""))
        .isEqualTo(3);
    assertThat(metrics.sum("vastproxy_requests_total", "outcome=\"client_gone\"")).isEqualTo(1);
    assertThat(
            metrics.sum("vastproxy_requests_total", "status=\"502\"", "outcome=\"backend_failed\""))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "vastproxy_requests_total",
                "backend=\"none\"",
                "status=\"503\"",
                "outcome=\"not_routed\""))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "vastproxy_request_duration_seconds_count", "backend=\"101\"", "status=\"200\""))
        .isEqualTo(4);
    assertThat(metrics.sum("vastproxy_request_first_byte_seconds_count", "backend=\"101\""))
        .isEqualTo(3);
  }

  @Test
  void histogramsHaveTheirBuckets() {
    observer.responseStarted(B101, 200, MS_40);
    observer.requestEnded(Optional.of(B101), 200, Outcome.COMPLETED, 2 * MS_40);

    PrometheusText metrics = scrape();

    assertThat(metrics.sum("vastproxy_request_first_byte_seconds_bucket", "le=\"0.025\"")).isZero();
    assertThat(metrics.sum("vastproxy_request_first_byte_seconds_bucket", "le=\"0.05\""))
        .isEqualTo(1);
    assertThat(metrics.sum("vastproxy_request_duration_seconds_bucket", "le=\"0.05\"")).isZero();
    assertThat(metrics.sum("vastproxy_request_duration_seconds_bucket", "le=\"0.1\"")).isEqualTo(1);
    assertThat(metrics.has("vastproxy_request_duration_seconds_bucket", "le=\"600.0\"")).isTrue();
    assertThat(metrics.sum("vastproxy_request_duration_seconds_bucket", "le=\"+Inf\""))
        .isEqualTo(1);
  }

  @Test
  void reusesMetersInsteadOfRegisteringPerRequest() {
    observer.requestEnded(Optional.of(B101), 200, Outcome.COMPLETED, MS_40);
    int meters = registry.getMeters().size();

    for (int i = 0; i < 100; i++) {
      observer.responseStarted(B101, 200, MS_40);
      observer.requestEnded(Optional.of(new InstanceId(101)), 200, Outcome.COMPLETED, MS_40);
    }

    assertThat(registry.getMeters()).hasSize(meters + 1);
  }

  @Test
  void oddStatusesShareOneSeries() {
    observer.requestEnded(Optional.of(B101), 42, Outcome.COMPLETED, MS_40);
    observer.requestEnded(Optional.of(B101), 777, Outcome.COMPLETED, MS_40);

    assertThat(scrape().sum("vastproxy_requests_total", "status=\"other\"")).isEqualTo(2);
  }

  @Test
  void aBackendsMetersLeaveWithIt() {
    InstanceId other = new InstanceId(102);
    observer.responseStarted(B101, 200, MS_40);
    observer.requestEnded(Optional.of(B101), 200, Outcome.COMPLETED, MS_40);
    observer.requestEnded(Optional.of(other), 200, Outcome.COMPLETED, MS_40);
    FleetSnapshot both =
        FleetSnapshot.empty().withBackends(List.of(Instances.healthy(101), Instances.healthy(102)));
    FleetSnapshot one = both.withBackends(List.of(Instances.healthy(102)));

    observer.fleetChanged(FleetSnapshot.empty(), both);
    observer.fleetChanged(both, one);
    observer.fleetChanged(one, one.withBackends(List.of()));

    PrometheusText metrics = scrape();
    assertThat(metrics.has("vastproxy_requests_total", "backend=\"101\"")).isFalse();
    assertThat(metrics.has("vastproxy_request_first_byte_seconds_count", "backend=\"101\""))
        .isFalse();
    assertThat(metrics.has("vastproxy_requests_total", "backend=\"102\"")).isFalse();

    observer.requestEnded(Optional.of(B101), 200, Outcome.COMPLETED, MS_40);
    assertThat(scrape().sum("vastproxy_requests_total", "backend=\"101\"")).isEqualTo(1);
  }

  @Test
  void countsSendsRetriesAndResumesPerBackendAndDropsThemWithIt() {
    InstanceId other = new InstanceId(102);
    observer.requestSent(B101);
    observer.requestSent(B101);
    observer.retriedBeforeFirstByte(B101);
    observer.resumed(B101, other);
    observer.notResumable(B101);
    observer.notResumable(B101);

    PrometheusText metrics = scrape();
    assertThat(metrics.sum("vastproxy_backend_sends_total", "backend=\"101\"")).isEqualTo(2);
    assertThat(metrics.sum("vastproxy_retries_before_first_byte_total", "backend=\"101\""))
        .isEqualTo(1);
    assertThat(metrics.sum("vastproxy_stream_resumes_total", "backend=\"101\"")).isEqualTo(1);
    assertThat(metrics.sum("vastproxy_stream_not_resumable_total", "backend=\"101\"")).isEqualTo(2);

    FleetSnapshot one = FleetSnapshot.empty().withBackends(List.of(Instances.healthy(101)));
    observer.fleetChanged(one, FleetSnapshot.empty());
    assertThat(scrape().has("vastproxy_stream_resumes_total", "backend=\"101\"")).isFalse();
  }
}
