package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.PrometheusText;
import dev.vastproxy.adapters.http.relay.EndpointKind;
import dev.vastproxy.adapters.http.relay.ProxyObserver.Outcome;
import dev.vastproxy.adapters.http.relay.RequestFacts;
import dev.vastproxy.adapters.http.relay.RequestFacts.Delivery;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Instances;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Request meters by backend, model, endpoint, stream, status and outcome, cached and dropped with
 * their backend.
 */
class MicrometerProxyObserverTest {
  private static final InstanceId B101 = new InstanceId(101);
  private static final long MS_40 = Duration.ofMillis(40).toNanos();
  private static final RequestFacts STREAM =
      new RequestFacts(EndpointKind.CHAT, Optional.of("qwen"), Delivery.STREAMED);
  private static final RequestFacts WHOLE =
      new RequestFacts(EndpointKind.COMPLETIONS, Optional.of("qwen"), Delivery.WHOLE);
  private static final RequestFacts UNANSWERED =
      new RequestFacts(EndpointKind.CHAT, Optional.empty(), Delivery.WHOLE);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT).throwExceptionOnRegistrationFailure();
  private final MicrometerProxyObserver observer = new MicrometerProxyObserver(registry);

  private PrometheusText scrape() {
    return new PrometheusText(registry.scrape());
  }

  @Test
  void countsRequestsByBackendModelEndpointStreamStatusAndOutcome() {
    for (int i = 0; i < 3; i++) {
      observer.responseStarted(B101, STREAM, 200, MS_40 / 2);
      observer.firstBytes(B101, STREAM, 200, MS_40);
      observer.requestEnded(Optional.of(B101), STREAM, 200, Outcome.COMPLETED, 2 * MS_40);
    }
    observer.requestEnded(Optional.of(B101), STREAM, 200, Outcome.CLIENT_GONE, MS_40);
    observer.requestEnded(Optional.of(B101), WHOLE, 502, Outcome.BACKEND_FAILED, MS_40);
    observer.requestEnded(Optional.empty(), UNANSWERED, 503, Outcome.NOT_ROUTED, 1000);

    PrometheusText metrics = scrape();

    assertThat(
            metrics.sum(
                "vastproxy_requests_total",
                "backend=\"101\"",
                "model=\"qwen\"",
                "endpoint=\"chat\"",
                "stream=\"true\"",
                "status=\"200\"",
                "outcome=\"completed\""))
        .isEqualTo(3);
    assertThat(metrics.sum("vastproxy_requests_total", "outcome=\"client_gone\"")).isEqualTo(1);
    assertThat(
            metrics.sum(
                "vastproxy_requests_total",
                "endpoint=\"completions\"",
                "stream=\"false\"",
                "status=\"502\"",
                "outcome=\"backend_failed\""))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "vastproxy_requests_total",
                "backend=\"none\"",
                "model=\"none\"",
                "status=\"503\"",
                "outcome=\"not_routed\""))
        .isEqualTo(1);
    assertThat(
            metrics.sum(
                "vastproxy_request_duration_seconds_count", "backend=\"101\"", "stream=\"true\""))
        .isEqualTo(4);
    assertThat(metrics.sum("vastproxy_time_to_first_token_seconds_count", "model=\"qwen\""))
        .isEqualTo(3);
  }

  @Test
  void timeToFirstTokenIsForStreamsAndTimeToAnswerForWholeAnswers() {
    observer.firstBytes(B101, STREAM, 200, MS_40);
    observer.requestEnded(Optional.of(B101), STREAM, 200, Outcome.COMPLETED, 2 * MS_40);
    observer.firstBytes(B101, WHOLE, 200, MS_40);
    observer.requestEnded(Optional.of(B101), WHOLE, 200, Outcome.COMPLETED, 2 * MS_40);
    observer.requestEnded(Optional.of(B101), WHOLE, 200, Outcome.CLIENT_GONE, MS_40);
    observer.requestEnded(Optional.of(B101), WHOLE, 500, Outcome.COMPLETED, MS_40);
    observer.firstBytes(B101, STREAM, 400, MS_40);

    PrometheusText metrics = scrape();

    assertThat(metrics.sum("vastproxy_time_to_first_token_seconds_count")).isEqualTo(1);
    assertThat(metrics.sum("vastproxy_time_to_first_token_seconds_bucket", "le=\"0.025\""))
        .isZero();
    assertThat(metrics.sum("vastproxy_time_to_first_token_seconds_bucket", "le=\"0.05\""))
        .isEqualTo(1);
    assertThat(metrics.sum("vastproxy_time_to_answer_seconds_count")).isEqualTo(1);
    assertThat(metrics.sum("vastproxy_time_to_answer_seconds_bucket", "le=\"0.05\"")).isZero();
    assertThat(metrics.sum("vastproxy_time_to_answer_seconds_bucket", "le=\"0.1\"")).isEqualTo(1);
    assertThat(metrics.has("vastproxy_request_duration_seconds_bucket", "le=\"600.0\"")).isTrue();
    assertThat(metrics.sum("vastproxy_request_duration_seconds_bucket", "le=\"+Inf\""))
        .isEqualTo(4);
  }

  @Test
  void reusesMetersInsteadOfRegisteringPerRequest() {
    observer.requestEnded(Optional.of(B101), STREAM, 200, Outcome.COMPLETED, MS_40);
    int meters = registry.getMeters().size();

    for (int i = 0; i < 100; i++) {
      observer.firstBytes(B101, STREAM, 200, MS_40);
      observer.requestEnded(
          Optional.of(new InstanceId(101)), STREAM, 200, Outcome.COMPLETED, MS_40);
    }

    assertThat(registry.getMeters()).hasSize(meters);
  }

  @Test
  void statusesOutsideTheKnownOnesShareTheirClass() {
    observer.requestEnded(Optional.of(B101), WHOLE, 42, Outcome.COMPLETED, MS_40);
    observer.requestEnded(Optional.of(B101), WHOLE, 777, Outcome.COMPLETED, MS_40);
    observer.requestEnded(Optional.of(B101), WHOLE, 418, Outcome.COMPLETED, MS_40);
    observer.requestEnded(Optional.of(B101), WHOLE, 429, Outcome.COMPLETED, MS_40);

    PrometheusText metrics = scrape();
    assertThat(metrics.sum("vastproxy_requests_total", "status=\"other\"")).isEqualTo(2);
    assertThat(metrics.sum("vastproxy_requests_total", "status=\"4xx\"")).isEqualTo(1);
    assertThat(metrics.sum("vastproxy_requests_total", "status=\"429\"")).isEqualTo(1);
  }

  @Test
  void aBackendsMetersLeaveWithIt() {
    InstanceId other = new InstanceId(102);
    observer.requestSent(B101);
    observer.firstBytes(B101, STREAM, 200, MS_40);
    observer.requestEnded(Optional.of(B101), STREAM, 200, Outcome.COMPLETED, MS_40);
    observer.requestEnded(Optional.of(other), STREAM, 200, Outcome.COMPLETED, MS_40);
    FleetSnapshot both =
        FleetSnapshot.empty().withBackends(List.of(Instances.healthy(101), Instances.healthy(102)));
    FleetSnapshot one = both.withBackends(List.of(Instances.healthy(102)));

    observer.fleetChanged(FleetSnapshot.empty(), both);
    observer.fleetChanged(both, one);
    observer.fleetChanged(one, one.withBackends(List.of()));

    PrometheusText metrics = scrape();
    assertThat(metrics.has("vastproxy_requests_total", "backend=\"101\"")).isFalse();
    assertThat(metrics.has("vastproxy_backend_sends_total", "backend=\"101\"")).isFalse();
    assertThat(metrics.has("vastproxy_time_to_first_token_seconds_count", "backend=\"101\""))
        .isFalse();
    assertThat(metrics.has("vastproxy_requests_total", "backend=\"102\"")).isFalse();

    observer.requestEnded(Optional.of(B101), STREAM, 200, Outcome.COMPLETED, MS_40);
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
    observer.resumeFailed(B101);
    observer.resumeFailed(B101);
    observer.resumeFailed(B101);

    PrometheusText metrics = scrape();
    assertThat(metrics.sum("vastproxy_backend_sends_total", "backend=\"101\"")).isEqualTo(2);
    assertThat(metrics.sum("vastproxy_retries_before_first_byte_total", "backend=\"101\""))
        .isEqualTo(1);
    assertThat(metrics.sum("vastproxy_stream_resumes_total", "backend=\"101\"")).isEqualTo(1);
    assertThat(metrics.sum("vastproxy_stream_not_resumable_total", "backend=\"101\"")).isEqualTo(2);
    assertThat(metrics.sum("vastproxy_stream_resume_failed_total", "backend=\"101\"")).isEqualTo(3);

    FleetSnapshot one = FleetSnapshot.empty().withBackends(List.of(Instances.healthy(101)));
    observer.fleetChanged(one, FleetSnapshot.empty());
    assertThat(scrape().has("vastproxy_stream_resumes_total", "backend=\"101\"")).isFalse();
    assertThat(scrape().has("vastproxy_stream_resume_failed_total", "backend=\"101\"")).isFalse();
  }
}
