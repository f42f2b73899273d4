package dev.vastproxy.adapters.tui;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.GpuReading;
import dev.vastproxy.domain.backend.GpuTelemetry;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import dev.vastproxy.domain.testing.Reasons;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Backends and fleet views for dashboard tests, shaped like the original's screenshot. */
final class TestFleets {
  static final Instant T0 = Instances.T0;
  static final String MODEL = "QuantTrio/Qwen3-VL-32B-Thinking-AWQ";
  static final TrafficSummary QUIET = new TrafficSummary(0, 0, 0, 0);

  private TestFleets() {}

  /** An SGLang instance with two RTX 5090s at $0.50/h. */
  static Instance.Builder sglang(long id) {
    return Instances.runningSglang(id).gpuName("RTX 5090").gpuCount(2).dollarsPerHour(0.5);
  }

  /** A vLLM instance with two RTX 5090s at $0.50/h. */
  static Instance.Builder vllm(long id) {
    return Instances.runningVllm(id).gpuName("RTX 5090").gpuCount(2).dollarsPerHour(0.5);
  }

  /** A backend that became HEALTHY at {@code since}, serving {@link #MODEL}. */
  static Backend healthy(Instance.Builder instance, Instant since) {
    return Backend.discovered(instance.build(), Transport.DIRECT, since)
        .markHealthy(Cards.of(MODEL), since);
  }

  /** A backend in any state, entered at {@code since}. */
  static Backend inState(Instance.Builder instance, BackendState state, Instant since) {
    Backend discovered = Backend.discovered(instance.build(), Transport.DIRECT, since);
    switch (state) {
      case DISCOVERED:
        return discovered;
      case CONNECTING:
        return discovered.startConnecting(since);
      case HEALTHY:
        return discovered.markHealthy(Cards.of(MODEL), since);
      case UNHEALTHY:
        return discovered.markHealthy(Cards.of(MODEL), since).markFailed(since, Reasons.FAILED);
      default:
        return discovered
            .markHealthy(Cards.of(MODEL), since)
            .transitionTo(BackendState.REMOVING, since, Reasons.GONE);
    }
  }

  /** The backend with these GPU readings, read over the given SSH path. */
  static Backend withGpus(Backend backend, SshPath path, GpuReading... readings) {
    return backend.withGpu(GpuTelemetry.read(Arrays.asList(readings), T0, path));
  }

  /** An RTX 5090 reading: 32607 MiB installed, 1024 MiB per 10 % of load in use. */
  static GpuReading gpu(int index, double utilization, double temperature) {
    return new GpuReading(
        index,
        OptionalDouble.of(utilization),
        OptionalDouble.of(temperature),
        OptionalLong.of(Math.round(utilization * 300)),
        OptionalLong.of(32_607));
  }

  /** A view of these backends at {@code at}. */
  static FleetView view(Instant at, TrafficSummary traffic, List<Backend> backends) {
    return new FleetView(FleetSnapshot.empty().withBackends(backends), traffic, at);
  }

  /** The screenshot's fleet: seven healthy two-GPU SGLang backends, two of them busy. */
  static List<Backend> screenshotFleet() {
    long[] ids = {31812887, 31814215, 31814222, 31814239, 31814345, 31814346, 31814473};
    int[] ageSeconds = {205, 265, 164, 110, 196, 218, 266};
    double[][] temps = {{31, 67}, {41, 45}, {26, 27}, {40, 37}, {36, 73}, {42, 42}, {35, 37}};
    Backend[] backends = new Backend[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boolean busy = ids[i] == 31812887 || ids[i] == 31814345;
      backends[i] =
          withGpus(
              healthy(sglang(ids[i]), at(0).minusSeconds(ageSeconds[i])),
              SshPath.DIRECT,
              gpu(0, 0, temps[i][0]),
              gpu(1, busy ? 100 : 0, temps[i][1]));
    }
    return List.of(backends);
  }

  /** {@code seconds} after a fixed moment an hour past {@link #T0}. */
  static Instant at(long seconds) {
    return T0.plus(Duration.ofHours(1)).plusSeconds(seconds);
  }
}
