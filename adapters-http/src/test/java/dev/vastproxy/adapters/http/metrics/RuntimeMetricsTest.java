package dev.vastproxy.adapters.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JVM, process, GC and build metrics next to the proxy's own. */
class RuntimeMetricsTest {
  @TempDir Path dir;

  @Test
  void exposesTheProcessAndTheBuild() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    RuntimeMetrics.bindTo(registry, "1.2.3");
    String text = registry.scrape();
    PrometheusText metrics = new PrometheusText(text);

    assertThat(metrics.has("vastproxy_build_info", "version=\"1.2.3\"")).isTrue();
    assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();
    assertThat(metrics.has("jvm_threads_live_threads")).isTrue();
    assertThat(metrics.has("process_cpu_seconds_total")).isTrue();
    assertThat(metrics.has("process_cpu_usage_ratio")).isTrue();
    assertThat(metrics.sum("system_cpus")).isPositive();
    assertThat(metrics.has("process_start_time_seconds")).isTrue();
    if (Files.exists(Path.of("/proc/self/status"))) {
      assertThat(metrics.sum("process_files_open_files")).isPositive();
      assertThat(metrics.sum("process_resident_memory_bytes")).isGreaterThan(1_000_000);
    }
  }

  @Test
  void countsTheHeapAllocatedSinceStart() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RuntimeMetrics.bindTo(registry, "1.2.3");
    double before = new PrometheusText(registry.scrape()).sum("jvm_allocated_bytes_total");

    byte[][] garbage = new byte[64][];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = new byte[64 * 1024];
    }
    double after = new PrometheusText(registry.scrape()).sum("jvm_allocated_bytes_total");

    assertThat(garbage[63]).hasSize(64 * 1024);
    assertThat(after - before).isGreaterThanOrEqualTo(64.0 * 64 * 1024);
  }

  @Test
  void readsTheResidentSetSizeFromProc() throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(status, "Name:\tjava\nVmRSS:\t  123456 kB\nThreads:\t7\n");
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "Name:\tjava\n");

    assertThat(RuntimeMetrics.residentBytes(status)).hasValue(123456.0 * 1024);
    assertThat(RuntimeMetrics.residentBytes(empty)).isEmpty();
    assertThat(RuntimeMetrics.residentBytes(dir.resolve("missing"))).isEmpty();
  }
}
