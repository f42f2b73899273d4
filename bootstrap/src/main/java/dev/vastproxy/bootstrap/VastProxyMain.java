package dev.vastproxy.bootstrap;

import dev.vastproxy.adapters.http.front.HttpFrontEnd;
import dev.vastproxy.bootstrap.config.ConfigException;
import dev.vastproxy.bootstrap.config.ConfigLoader;
import dev.vastproxy.bootstrap.config.LaunchRequest;
import dev.vastproxy.bootstrap.config.ReplicaSettings;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.bootstrap.demo.DemoFleet;
import dev.vastproxy.bootstrap.runtime.DashboardSession;
import dev.vastproxy.bootstrap.runtime.Logging;
import dev.vastproxy.bootstrap.runtime.TerminationSignals;
import dev.vastproxy.bootstrap.runtime.VastProxyServer;
import dev.vastproxy.bootstrap.wiring.DaggerVastProxyComponent;
import dev.vastproxy.bootstrap.wiring.VastProxyComponent;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Starts vastproxy: reads the settings, wires the parts, runs until told to stop. */
public final class VastProxyMain {
  /** Exit status for bad configuration. */
  static final int BAD_CONFIGURATION = 2;

  private VastProxyMain() {}

  /** Entry point of the runnable jar. */
  public static void main(String[] args) {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.exit(
        run(
            args,
            System.getenv(),
            Path.of("").toAbsolutePath(),
            Path.of(System.getProperty("user.home")),
            System.console() != null,
            System.out,
            System.err));
  }

  /**
   * Runs the proxy until it is stopped, and returns the exit status.
   *
   * @param interactive whether standard input and output are a terminal (for the dashboard)
   * @return 0 after help or a clean shutdown, 2 for bad configuration
   */
  static int run(
      String[] args,
      Map<String, String> environment,
      Path workingDirectory,
      Path home,
      boolean interactive,
      PrintStream out,
      PrintStream err) {
    LaunchRequest request;
    try {
      request = new ConfigLoader(environment, workingDirectory, home).load(args);
    } catch (ConfigException e) {
      err.println("vastproxy: " + e.getMessage());
      return BAD_CONFIGURATION;
    }
    if (request instanceof LaunchRequest.ShowHelp help) {
      out.print(help.text());
      return 0;
    }
    VastProxyConfig config = ((LaunchRequest.Run) request).config();
    boolean dashboard = interactive && !config.mode().headless();
    if (dashboard) {
      Logging.toFile(workingDirectory.resolve("vastproxy.log"));
    } else {
      Logging.toStdout();
    }
    Optional<DemoFleet> demo =
        config.mode().demo() ? Optional.of(DemoFleet.start()) : Optional.empty();
    if (demo.isPresent()) {
      config =
          config.withSimulatedAccount(
              demo.get().apiUrl(),
              demo.get().apiKey(),
              List.of(demo.get().sshKey()),
              demo.get().knownHosts());
    }
    VastProxyComponent component =
        DaggerVastProxyComponent.factory().create(config, Clock.systemUTC());
    VastProxyServer server = component.server();
    InetSocketAddress address;
    try {
      address = server.start();
    } catch (HttpFrontEnd.PortInUseException e) {
      demo.ifPresent(DemoFleet::close);
      err.println(
          "vastproxy: LISTEN_ADDR "
              + config.front().listen()
              + " is already in use: stop the other program or choose another address with"
              + " LISTEN_ADDR");
      return BAD_CONFIGURATION;
    }
    if (!dashboard) {
      out.println(
          "vastproxy listening on http://"
              + config.front().listen().host()
              + ":"
              + address.getPort());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicReference<DashboardSession> screen = new AtomicReference<>();
    ReplicaSettings replica = config.replica();
    // A signal comes from a supervisor (systemd, Kubernetes, a rolling restart): drain for the
    // balancers. Quitting the dashboard is a person at the terminal: no balancer to wait for.
    Runnable drainAndStop =
        stopOnce(
            stopping,
            () -> {
              Optional.ofNullable(screen.get()).ifPresent(DashboardSession::close);
              out.println(
                  "vastproxy: stopping; /readyz answers 503, requests are still served for "
                      + replica.drainDelay().toMillis()
                      + " ms, then in-flight requests get up to "
                      + replica.shutdownGrace().toMillis()
                      + " ms");
              server.drainAndStop(replica.drainDelay(), replica.shutdownGrace());
              demo.ifPresent(DemoFleet::close);
              stopped.countDown();
            });
    Runnable quit =
        stopOnce(
            stopping,
            () -> {
              Optional.ofNullable(screen.get()).ifPresent(DashboardSession::close);
              server.stop(replica.shutdownGrace());
              demo.ifPresent(DemoFleet::close);
              stopped.countDown();
            });
    if (!TerminationSignals.onTermination(
        () -> new Thread(drainAndStop, "vastproxy-stop").start())) {
      Runtime.getRuntime().addShutdownHook(new Thread(drainAndStop, "vastproxy-stop"));
    }
    if (dashboard) {
      screen.set(
          DashboardSession.open(
                  component, config.front().listen().host() + ":" + address.getPort(), quit)
              .orElse(null));
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      quit.run();
    }
    return 0;
  }

  /** Runs the first of the stop actions that share {@code stopping}; later ones do nothing. */
  private static Runnable stopOnce(AtomicBoolean stopping, Runnable action) {
    return () -> {
      if (stopping.compareAndSet(false, true)) {
        action.run();
      }
    };
  }
}
