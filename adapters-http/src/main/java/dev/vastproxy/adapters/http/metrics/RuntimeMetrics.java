package dev.vastproxy.adapters.http.metrics;

import com.sun.management.ThreadMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The process under the proxy, with Micrometer's binders: JVM memory, GC, threads, classes, uptime
 * and open file descriptors (a socket leak shows there), plus CPU in Prometheus's own names (in
 * place of Micrometer's {@code ProcessorMetrics}, whose {@code process_cpu_time_ns_total} and
 * {@code system_cpu_count} {@code promtool} rejects), the resident set size read from {@code /proc}
 * on Linux and {@code vastproxy_build_info}.
 */
public final class RuntimeMetrics {
  static final String BUILD_INFO = "vastproxy.build.info";
  static final String RESIDENT_MEMORY = "process.resident.memory";
  static final String ALLOCATED = "jvm.allocated";

  private static final Path STATUS = Path.of("/proc/self/status");

  private RuntimeMetrics() {}

  /**
   * Binds every process meter to the registry.
   *
   * @param version the proxy's version, e.g. {@code 0.1.0}
   */
  @SuppressWarnings("resource") // the GC listener lives as long as the process
  public static void bindTo(MeterRegistry registry, String version) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    bindProcessor(registry);
    bindAllocation(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    if (residentBytes(STATUS).isPresent()) {
      Gauge.builder(RESIDENT_MEMORY, () -> residentBytes(STATUS).orElse(Double.NaN))
          .description("Resident set size of the process, in bytes")
          .baseUnit("bytes")
          .register(registry);
    }
    Gauge.builder(BUILD_INFO, () -> 1)
        .description("Always 1; the proxy's version and Java runtime as labels")
        .tags("version", version, "java_version", Runtime.version().toString())
        .register(registry);
  }

  /** CPU time and load: {@code process_cpu_seconds_total}, usage ratios, load, cores. */
  private static void bindProcessor(MeterRegistry registry) {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    Gauge.builder("system.cpus", os, OperatingSystemMXBean::getAvailableProcessors)
        .description("Processors available to the JVM")
        .register(registry);
    Gauge.builder("system.load.average.1m", os, OperatingSystemMXBean::getSystemLoadAverage)
        .description("The system load average over the last minute; negative when unknown")
        .register(registry);
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      FunctionCounter.builder("process.cpu", sun, bean -> bean.getProcessCpuTime() / 1e9)
          .description("CPU time the process used, in seconds")
          .baseUnit("seconds")
          .register(registry);
      Gauge.builder("process.cpu.usage.ratio", sun, bean -> bean.getProcessCpuLoad())
          .description("The process's recent share of the machine's CPU, 0 to 1")
          .register(registry);
      Gauge.builder("system.cpu.usage.ratio", sun, bean -> bean.getCpuLoad())
          .description("The machine's recent CPU usage, 0 to 1")
          .register(registry);
    }
  }

  /**
   * {@code jvm_allocated_bytes_total}: the heap every thread allocated since start, exactly (not
   * from GC notices, as {@code jvm_gc_memory_allocated_bytes_total}): divided by the requests or
   * events between two scrapes, it is the allocation each one costs.
   */
  private static void bindAllocation(MeterRegistry registry) {
    if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported()
        && threads.isThreadAllocatedMemoryEnabled()) {
      FunctionCounter.builder(ALLOCATED, threads, bean -> bean.getTotalThreadAllocatedBytes())
          .description("Heap memory all threads allocated since the process started")
          .baseUnit("bytes")
          .register(registry);
    }
  }

  /** The {@code VmRSS} line of a {@code /proc/<pid>/status} file, in bytes. */
  static OptionalDouble residentBytes(Path status) {
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
          return OptionalDouble.of(Double.parseDouble(parts[0]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.empty();
  }
}
