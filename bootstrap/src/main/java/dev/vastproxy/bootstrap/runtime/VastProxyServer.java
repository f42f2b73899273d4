package dev.vastproxy.bootstrap.runtime;

import dev.vastproxy.adapters.http.HttpRuntime;
import dev.vastproxy.adapters.http.front.DrainHandler;
import dev.vastproxy.adapters.http.front.FrontEndLimits;
import dev.vastproxy.adapters.http.front.HttpFrontEnd;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.adapters.http.upstream.BackendConnections;
import dev.vastproxy.application.service.LabelService;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts and stops the product in order: the HTTP server first (ready before any backend can be
 * healthy), then the reactions are subscribed and the fleet loops started, in the order of {@link
 * FleetLoops}. A replica's stop drains: {@code /readyz} turns 503 at once while requests are still
 * served for the drain delay, so balancers stop sending; then the listener closes, in-flight
 * streams get a grace period, the loops stop in reverse, labels are cleared, and the adapters'
 * resources (SSH sessions, tunnels) are closed.
 */
public final class VastProxyServer {
  private static final System.Logger LOG = System.getLogger(VastProxyServer.class.getName());

  /** How long clearing labels may take at shutdown. */
  static final Duration LABEL_CLEAR_TIMEOUT = Duration.ofSeconds(15);

  private final VastProxyConfig config;
  private final HttpRuntime runtime;
  private final FrontEndLimits limits;
  private final DrainHandler front;
  private final ReplicaState replica;
  private final FleetReactions reactions;
  private final FleetLoops loops;
  private final LabelService labels;
  private final BackendConnections connections;
  private final FleetExecutors executors;
  private final Set<AutoCloseable> resources;
  private HttpFrontEnd listener;
  private boolean stopped;

  /**
   * @param reactions who hears of fleet changes and listings, subscribed at start
   * @param loops the fleet loops, started in order and stopped in reverse
   * @param labels cleared at stop
   * @param resources closed at stop, after the loops
   */
  @Inject
  public VastProxyServer(
      VastProxyConfig config,
      HttpRuntime runtime,
      FrontEndLimits limits,
      DrainHandler front,
      ReplicaState replica,
      FleetReactions reactions,
      FleetLoops loops,
      LabelService labels,
      BackendConnections connections,
      FleetExecutors executors,
      Set<AutoCloseable> resources) {
    this.config = config;
    this.runtime = runtime;
    this.limits = limits;
    this.front = front;
    this.replica = replica;
    this.reactions = reactions;
    this.loops = loops;
    this.labels = labels;
    this.connections = connections;
    this.executors = executors;
    this.resources = Set.copyOf(resources);
  }

  /**
   * Listens, then subscribes the reactions and starts the fleet loops.
   *
   * @return where it listens
   * @throws HttpFrontEnd.PortInUseException when the listen address is taken
   */
  public synchronized InetSocketAddress start() {
    listener =
        HttpFrontEnd.start(
            runtime, config.front().listen().host(), config.front().listen().port(), front, limits);
    reactions.subscribe();
    loops.startAll();
    InetSocketAddress address = listener.address();
    LOG.log(
        Level.INFO,
        "vastproxy replica {6} listening on {0}:{1} (policy {2}, transport {3}, label {4}, client"
            + " keys {5}, select {7}, idle action {8} after {9} s)",
        address.getHostString(),
        Integer.toString(address.getPort()),
        config.routing().policy().text(),
        config.fleet().transport().text(),
        config.fleet().label().orElse("off"),
        config.front().clientApiKeys().isEmpty() ? "off" : "required",
        replica.name(),
        config.money().selection(),
        config.money().idleAction().text(),
        config.money().idleAfter().toSeconds());
    return address;
  }

  /**
   * Stops as a replica behind a balancer should: {@code /readyz} answers 503 at once, requests are
   * still served for {@code delay} (each connection closing after its answer), then {@link
   * #stop(Duration)} with {@code grace}.
   */
  public void drainAndStop(Duration delay, Duration grace) {
    replica.beginDrain();
    LOG.log(
        Level.INFO,
        "draining: /readyz answers 503; requests are still served for {0} ms so balancers stop"
            + " sending",
        delay.toMillis());
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop(grace);
  }

  /** Stops gracefully: at most {@code grace} for in-flight requests, then labels and SSH. */
  public synchronized void stop(Duration grace) {
    if (stopped || listener == null) {
      return;
    }
    stopped = true;
    replica.beginDrain();
    LOG.log(
        Level.INFO,
        "stopping: no new connections; {0} requests in flight get up to {1} ms",
        front.inFlight(),
        grace.toMillis());
    listener.close();
    try {
      if (!front.awaitIdle(grace)) {
        LOG.log(
            Level.WARNING,
            "in-flight requests did not finish within {0} s; closing them",
            grace.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loops.stopAll();
    clearLabels();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "could not close {0}: {1}", resource, e.toString());
      }
    }
    connections.close();
    executors.close();
    runtime.close();
    LOG.log(Level.INFO, "stopped");
  }

  private void clearLabels() {
    try {
      labels.clearAll().get(LABEL_CLEAR_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "could not clear every label before stopping: {0}", e.toString());
    }
  }
}
