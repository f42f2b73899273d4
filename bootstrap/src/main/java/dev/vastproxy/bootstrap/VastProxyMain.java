package dev.vastproxy.bootstrap;

import dev.vastproxy.adapters.http.HttpFrontEnd;
import dev.vastproxy.bootstrap.config.ConfigException;
import dev.vastproxy.bootstrap.config.ConfigLoader;
import dev.vastproxy.bootstrap.config.LaunchRequest;
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
import java.time.Duration;
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

  /** How long in-flight streams may run on after a stop request. */
  static final Duration GRACE = Duration.ofSeconds(30);

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
    boolean dashboard = interactive && !config.headless();
    if (dashboard) {
      Logging.toFile(workingDirectory.resolve("vastproxy.log"));
    } else {
      Logging.toStdout();
    }
    Optional<DemoFleet> demo = config.demo() ? Optional.of(DemoFleet.start()) : Optional.empty();
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
              + config.listen()
              + " is already in use: stop the other program or choose another address with"
              + " LISTEN_ADDR");
      return BAD_CONFIGURATION;
    }
    if (!dashboard) {
      out.println(
          "vastproxy listening on http://" + config.listen().host() + ":" + address.getPort());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    AtomicReference<DashboardSession> screen = new AtomicReference<>();
    Runnable stop =
        () -> {
          if (stopping.compareAndSet(false, true)) {
            Optional.ofNullable(screen.get()).ifPresent(DashboardSession::close);
            out.println(
                "vastproxy: stopping; in-flight requests get up to " + GRACE.toSeconds() + " s");
            server.stop(GRACE);
            demo.ifPresent(DemoFleet::close);
            stopped.countDown();
          }
        };
    if (!TerminationSignals.onTermination(() -> new Thread(stop, "vastproxy-stop").start())) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop, "vastproxy-stop"));
    }
    if (dashboard) {
      screen.set(
          DashboardSession.open(component, config.listen().host() + ":" + address.getPort(), stop)
              .orElse(null));
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.run();
    }
    return 0;
  }
}
