package dev.vastproxy.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.vastproxy.adapters.http.metrics.ContractEndMetrics;
import dev.vastproxy.adapters.http.metrics.EngineLoadMetrics;
import dev.vastproxy.adapters.http.metrics.FleetMetrics;
import dev.vastproxy.adapters.http.metrics.MicrometerProxyObserver;
import dev.vastproxy.adapters.http.metrics.TokenMetrics;
import dev.vastproxy.adapters.http.relay.StreamsOnInstances;
import dev.vastproxy.application.service.DiscoveryService;
import dev.vastproxy.application.service.EngineLoadService;
import dev.vastproxy.application.service.FleetEventLog;
import dev.vastproxy.application.service.FleetLoop;
import dev.vastproxy.application.service.GpuMetricsService;
import dev.vastproxy.application.service.HealthService;
import dev.vastproxy.application.service.IdleGuardService;
import dev.vastproxy.application.service.InstanceLedger;
import dev.vastproxy.application.service.KnownModels;
import dev.vastproxy.application.service.LabelService;
import dev.vastproxy.application.service.StopMarkService;
import dev.vastproxy.application.service.TunnelService;
import dev.vastproxy.application.service.WaitingRoom;
import dev.vastproxy.application.service.WakeService;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.bootstrap.runtime.FleetLoops;
import dev.vastproxy.bootstrap.runtime.FleetReactions;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.Fleet;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that says what runs and who reacts, in which order: the fleet loops (started in
 * this order, stopped in reverse) and the listeners of fleet changes and of vast.ai listings.
 */
@Module
public final class LifecycleModule {
  private LifecycleModule() {}

  /**
   * Started in this order, stopped in reverse. Discovery starts last, once everything that works on
   * the backends it finds is running, and so stops first: no backend appears while the others stop.
   * Tunnels (only with the {@code ssh-tunnel} transport; they start and stop together) start first
   * and close last, so no health, GPU or load probe runs over a closed tunnel.
   */
  @Provides
  @Singleton
  static FleetLoops loops(
      VastProxyConfig config,
      TunnelService tunnels,
      IdleGuardService idleGuard,
      EngineLoadService engineLoads,
      GpuMetricsService gpus,
      HealthService health,
      DiscoveryService discovery) {
    List<FleetLoop> loops = new ArrayList<>();
    if (config.fleet().transport() == Transport.SSH_TUNNEL) {
      loops.add(tunnels);
    }
    loops.addAll(List.of(idleGuard, engineLoads, gpus, health, discovery));
    return new FleetLoops(loops);
  }

  /**
   * Each list is heard in its order, on the thread that made the change.
   *
   * <p>Fleet changes: the event log first, so the log shows a change before what it causes; then
   * the facts that routing and waking read (the models known lately, what each instance served);
   * then the reactions that route requests again (the waiting room wakes held requests, streams on
   * an instance that leaves are moved), so those see the facts already updated; then labels, which
   * only queue vast.ai calls on their own thread; the meters last: bookkeeping never delays a
   * reaction.
   *
   * <p>Account rows, before the fleet is reconciled: the ledger first (it tells the proxy's stops
   * from the owner's), then the stop marks (a marked instance running again has its mark cleared).
   *
   * <p>Listings, after the reconciliation: labels are reasserted (level-triggered: another replica
   * may have cleared them), then the wake service looks for instances it woke.
   */
  @Provides
  @Singleton
  static FleetReactions reactions(
      Fleet fleet,
      DiscoveryService discovery,
      FleetEventLog eventLog,
      KnownModels known,
      InstanceLedger ledger,
      StopMarkService marks,
      WaitingRoom waitingRoom,
      StreamsOnInstances streams,
      LabelService labels,
      WakeService waker,
      MicrometerProxyObserver requestMetrics,
      FleetMetrics fleetMetrics,
      TokenMetrics tokenMetrics,
      ContractEndMetrics contractEndMetrics,
      EngineLoadMetrics engineLoadMetrics) {
    return new FleetReactions(
        fleet,
        discovery,
        List.of(
            eventLog,
            known,
            ledger,
            waitingRoom,
            streams,
            labels,
            requestMetrics,
            fleetMetrics,
            tokenMetrics,
            contractEndMetrics,
            engineLoadMetrics),
        List.of(labels, waker),
        List.of(ledger, marks));
  }
}
