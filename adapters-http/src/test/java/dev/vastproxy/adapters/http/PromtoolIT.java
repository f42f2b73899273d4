package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code promtool check metrics} finds nothing to say about a busy proxy's {@code /metrics}, and
 * every metric the shipped dashboard and alert rules use is there.
 */
class PromtoolIT {
  @Test
  void aBusyProxysMetricsFollowPrometheusConventions() throws Exception {
    assumeTrue(Promtool.find("promtool").isPresent(), () -> "promtool " + Promtool.MISSING);
    try (BusyProxy proxy = new BusyProxy()) {
      proxy.traffic(3);
      proxy.faults();
      proxy.failedResume();
      proxy.failBackend(103);
      proxy.traffic(1);
      String scrape = proxy.scrape();
      PrometheusText metrics = new PrometheusText(scrape);
      assertThat(metrics.has("vastproxy_time_to_first_token_seconds_bucket")).isTrue();
      assertThat(metrics.has("vastproxy_time_to_answer_seconds_bucket")).isTrue();
      assertThat(metrics.has("vastproxy_backend_state_changes_total")).isTrue();
      // faults(): one resumed, one not (resume off); failedResume(): one resumed whose
      // continuation failed, then ended with an error event.
      assertThat(metrics.sum("vastproxy_stream_resumes_total")).isEqualTo(2);
      assertThat(metrics.sum("vastproxy_stream_not_resumable_total")).isEqualTo(2);
      assertThat(metrics.sum("vastproxy_stream_resume_failed_total")).isEqualTo(1);
      assertThat(metrics.sum("vastproxy_retries_before_first_byte_total")).isEqualTo(1);
      assertThat(metrics.has("vastproxy_requests_held")).isTrue();
      assertThat(
              metrics.has("jvm_gc_pause_seconds_count")
                  || metrics.has("jvm_gc_memory_allocated_bytes_total"))
          .isTrue();

      for (String name : DeployFiles.metricsUsed()) {
        if (name.startsWith("jvm_gc_pause")) {
          continue; // appears with the first collection, which a short test may not see
        }
        assertThat(metrics.has(name)).as("the dashboard or alerts use " + name).isTrue();
      }

      Promtool.Result check = Promtool.run(scrape, "check", "metrics");

      assertThat(check.output()).as(scrape).isEmpty();
      assertThat(check.exitCode()).isZero();
    }
  }
}
