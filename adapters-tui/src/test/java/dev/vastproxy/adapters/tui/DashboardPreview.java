package dev.vastproxy.adapters.tui;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.InstanceResult;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.GpuReading;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.instance.Instance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Shows the dashboard in the real terminal with an animated made-up fleet, to look at it: {@code
 * java -cp <test class path> dev.vastproxy.adapters.tui.DashboardPreview [instances] [--problem]}.
 * Abort and destroy only pretend (destroy fails on one instance); {@code q} quits. The removed
 * instance's card goes away after its first 25 seconds.
 */
public final class DashboardPreview {
  private static final String[] GPUS = {"RTX 5090", "RTX 4090", "H100 SXM", "A100 PCIE"};

  private DashboardPreview() {}

  /** Runs until {@code q}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int count = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 9;
    boolean problem = List.of(args).contains("--problem");
    Clock clock = Clock.systemUTC();
    Instant start = clock.instant();
    List<Backend> fleet = fleet(count, start);
    CountDownLatch quit = new CountDownLatch(1);
    DefaultTerminalFactory factory =
        new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
            .setForceTextTerminal(true);
    try (Terminal terminal = factory.createTerminal()) {
      LanternaDashboard dashboard =
          new LanternaDashboard(
              () -> view(fleet, start, clock.instant(), problem),
              () -> later(fleet, false),
              () -> later(fleet, true),
              "127.0.0.1:8080",
              quit::countDown,
              clock,
              terminal);
      dashboard.start();
      quit.await();
      dashboard.stop();
    }
  }

  private static List<Backend> fleet(int count, Instant start) {
    List<Backend> backends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long id = 31_812_887L + i * 1_337L;
      int gpus = i % 5 == 4 ? 4 : i % 7 == 6 ? 1 : 2;
      Instance.Builder instance =
          (i % 3 == 2 ? TestFleets.vllm(id) : TestFleets.sglang(id))
              .gpuName(GPUS[i % GPUS.length])
              .gpuCount(gpus)
              .gpuUtilization(37)
              .gpuTemperature(51);
      BackendState state =
          i == 3
              ? BackendState.UNHEALTHY
              : i == 5
                  ? BackendState.CONNECTING
                  : i == 7 ? BackendState.REMOVING : BackendState.HEALTHY;
      long age = state == BackendState.REMOVING ? 5 : 40L + i * 97L;
      Backend backend = TestFleets.inState(instance, state, start.minusSeconds(age));
      if (state == BackendState.CONNECTING) {
        backend = backend.withModels(List.of());
      }
      backends.add(backend);
    }
    return backends;
  }

  private static FleetView view(
      List<Backend> backends, Instant start, Instant now, boolean problem) {
    double t = Duration.between(start, now).toMillis() / 1000.0;
    List<Backend> current = new ArrayList<>();
    for (int i = 0; i < backends.size(); i++) {
      Backend backend = backends.get(i);
      if (backend.state() == BackendState.CONNECTING) {
        current.add(backend);
        continue;
      }
      int gpus = backend.instance().gpuCount();
      GpuReading[] readings = new GpuReading[gpus];
      for (int g = 0; g < gpus; g++) {
        double wave = (Math.sin(t / 2 + i + g * 1.7) + 1) / 2;
        readings[g] = TestFleets.gpu(g, Math.round(wave * 100), Math.round(30 + wave * 50));
      }
      SshPath path = i % 4 == 1 ? SshPath.PROXY : i == 8 ? SshPath.NONE : SshPath.DIRECT;
      current.add(path == SshPath.NONE ? backend : TestFleets.withGpus(backend, path, readings));
      int wanted = (int) Math.round((Math.sin(t / 3 + i) + 1) * 3);
      while (backend.load().inFlight() < wanted) {
        backend.load().begin();
      }
      while (backend.load().inFlight() > wanted) {
        backend.load().end();
      }
    }
    FleetSnapshot snapshot = FleetSnapshot.empty().withBackends(current);
    if (problem) {
      snapshot =
          snapshot.withProblem(
              Optional.of(new FleetProblem("vast.ai: invalid API key", start, 3, true)));
    }
    int inFlight = current.stream().mapToInt(backend -> backend.load().inFlight()).sum();
    return new FleetView(snapshot, new TrafficSummary(3.5, 420, 37, inFlight), now);
  }

  private static CompletableFuture<List<InstanceResult>> later(
      List<Backend> backends, boolean destroy) {
    List<InstanceResult> results = new ArrayList<>();
    for (Backend backend : backends) {
      boolean target =
          destroy
              ? backend.state() != BackendState.REMOVING
              : backend.state() == BackendState.HEALTHY && backend.engine().supportsAbortAll();
      if (target) {
        boolean fails = destroy && results.isEmpty();
        results.add(
            new InstanceResult(
                backend.id(),
                fails ? ActionOutcome.failed("HTTP 500 from vast.ai") : ActionOutcome.ok("done")));
      }
    }
    return CompletableFuture.supplyAsync(
        () -> results, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
  }
}
