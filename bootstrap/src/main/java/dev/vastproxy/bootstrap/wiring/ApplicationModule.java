package dev.vastproxy.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.vastproxy.application.port.in.AbortAllUseCase;
import dev.vastproxy.application.port.in.CountRescuesUseCase;
import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.HoldRequestUseCase;
import dev.vastproxy.application.port.in.ListModelsUseCase;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.application.port.in.RecordRequestTimingUseCase;
import dev.vastproxy.application.port.in.RecordTokensUseCase;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import dev.vastproxy.application.port.out.AbortEnginePort;
import dev.vastproxy.application.port.out.CloseTunnelPort;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.application.port.out.ModelDemandListener;
import dev.vastproxy.application.port.out.OpenTunnelPort;
import dev.vastproxy.application.port.out.ProbeBackendPort;
import dev.vastproxy.application.port.out.ReadEngineLoadPort;
import dev.vastproxy.application.port.out.ReadGpuMetricsPort;
import dev.vastproxy.application.port.out.ScheduleTaskPort;
import dev.vastproxy.application.port.out.StartInstancePort;
import dev.vastproxy.application.port.out.StopInstancePort;
import dev.vastproxy.application.service.AbortAllService;
import dev.vastproxy.application.service.DestroyAllService;
import dev.vastproxy.application.service.DiscoveryService;
import dev.vastproxy.application.service.EngineLoadService;
import dev.vastproxy.application.service.FleetEventLog;
import dev.vastproxy.application.service.FleetViewService;
import dev.vastproxy.application.service.GpuMetricsService;
import dev.vastproxy.application.service.GuardViews;
import dev.vastproxy.application.service.HealthService;
import dev.vastproxy.application.service.IdleGuardService;
import dev.vastproxy.application.service.InstanceLedger;
import dev.vastproxy.application.service.KnownModels;
import dev.vastproxy.application.service.LabelService;
import dev.vastproxy.application.service.RequestStatistics;
import dev.vastproxy.application.service.RequestTimingService;
import dev.vastproxy.application.service.RescueCountService;
import dev.vastproxy.application.service.RoutingService;
import dev.vastproxy.application.service.StopMarkService;
import dev.vastproxy.application.service.TokenAccountingService;
import dev.vastproxy.application.service.TunnelService;
import dev.vastproxy.application.service.WaitingRoom;
import dev.vastproxy.application.service.WakeService;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.bootstrap.runtime.ExecutorScheduler;
import dev.vastproxy.bootstrap.runtime.FleetExecutors;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.routing.QueueLimit;
import dev.vastproxy.domain.routing.RouteSelector;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The domain and the application services, wired to their ports (no annotations inside them). */
@Module
public final class ApplicationModule {
  private ApplicationModule() {}

  @Provides
  @Singleton
  static Fleet fleet() {
    return new Fleet();
  }

  @Provides
  @Singleton
  static FleetExecutors executors() {
    return new FleetExecutors();
  }

  @Provides
  @Singleton
  static ScheduleTaskPort scheduler(FleetExecutors executors) {
    return new ExecutorScheduler(executors.scheduler());
  }

  @Provides
  @Singleton
  static RequestStatistics statistics(Clock clock) {
    return new RequestStatistics(clock);
  }

  @Provides
  @Singleton
  static RouteSelector selector(VastProxyConfig config) {
    return new RouteSelector(config.routing().policy().newPolicy(), config.routing().stickyLimit());
  }

  @Provides
  @Singleton
  static RoutingService routing(
      Fleet fleet,
      RouteSelector selector,
      RequestStatistics statistics,
      KnownModels known,
      Clock clock,
      VastProxyConfig config,
      FleetExecutors executors) {
    return new RoutingService(
        fleet,
        selector,
        statistics,
        known,
        clock,
        new QueueLimit(config.waiting().queueLimit()),
        executors.fleet());
  }

  @Provides
  @Singleton
  static WaitingRoom waitingRoom(
      Fleet fleet, VastProxyConfig config, ScheduleTaskPort scheduler, ModelDemandListener demand) {
    return new WaitingRoom(fleet, config.waiting(), scheduler, demand);
  }

  /**
   * Hears of requests waiting for a model no healthy instance serves: the wake service starts an
   * instance the idle guard stopped.
   */
  @Provides
  @Singleton
  static ModelDemandListener modelDemand(WakeService waker) {
    return waker;
  }

  @Provides
  @Singleton
  static InstanceLedger ledger(VastProxyConfig config, Clock clock) {
    return new InstanceLedger(config.money().selection(), clock);
  }

  @Provides
  static HoldRequestUseCase hold(WaitingRoom room) {
    return room;
  }

  @Provides
  @Singleton
  static IdleGuardService idleGuard(
      Fleet fleet,
      InstanceLedger ledger,
      StopMarkService marks,
      StopInstancePort stops,
      DestroyInstancePort destroys,
      ScheduleTaskPort scheduler,
      FleetExecutors executors,
      Clock clock,
      VastProxyConfig config) {
    return new IdleGuardService(
        fleet,
        ledger,
        marks,
        stops,
        destroys,
        scheduler,
        executors.actions(),
        clock,
        config.money().idleAction(),
        config.money().idleAfter());
  }

  @Provides
  @Singleton
  static WakeService waker(
      Fleet fleet,
      InstanceLedger ledger,
      StartInstancePort starts,
      KnownModels known,
      FleetExecutors executors,
      Clock clock) {
    return new WakeService(fleet, ledger, starts, known, executors.actions(), clock);
  }

  @Provides
  @Singleton
  static KnownModels knownModels(Clock clock) {
    return new KnownModels(clock);
  }

  @Provides
  static RouteRequestUseCase route(RoutingService routing) {
    return routing;
  }

  @Provides
  static ReportBackendFailureUseCase failures(RoutingService routing) {
    return routing;
  }

  @Provides
  static ListModelsUseCase models(RoutingService routing) {
    return routing;
  }

  @Provides
  @Singleton
  static ObserveFleetUseCase observe(
      Fleet fleet,
      RequestStatistics statistics,
      Clock clock,
      WaitingRoom room,
      InstanceLedger ledger,
      IdleGuardService idle,
      WakeService waker) {
    return new FleetViewService(
        fleet,
        statistics,
        clock,
        room::held,
        Optional.of(new GuardViews(ledger, Optional.of(idle), Optional.of(waker))));
  }

  @Provides
  @Singleton
  static AbortAllUseCase abortAll(Fleet fleet, AbortEnginePort engines) {
    return new AbortAllService(fleet, engines);
  }

  @Provides
  @Singleton
  static DestroyAllUseCase destroyAll(
      Fleet fleet,
      InstanceLedger ledger,
      DestroyInstancePort instances,
      ListInstancesPort listing,
      FleetExecutors executors) {
    return new DestroyAllService(fleet, ledger, instances, listing, executors.actions());
  }

  @Provides
  @Singleton
  static DiscoveryService discovery(
      Fleet fleet,
      ListInstancesPort instances,
      ScheduleTaskPort scheduler,
      FleetExecutors executors,
      Clock clock,
      VastProxyConfig config) {
    DiscoveryService discovery =
        new DiscoveryService(
            fleet,
            instances,
            scheduler,
            executors.discovery(),
            clock,
            config.fleet().pollInterval(),
            config.fleet().transport(),
            RandomGenerator.getDefault());
    discovery.select(config.money().selection());
    return discovery;
  }

  @Provides
  @Singleton
  static HealthService health(
      Fleet fleet,
      ProbeBackendPort probes,
      ScheduleTaskPort scheduler,
      Clock clock,
      VastProxyConfig config,
      FleetExecutors executors) {
    return new HealthService(
        fleet, probes, scheduler, clock, config.fleet().healthInterval(), executors.fleet());
  }

  @Provides
  @Singleton
  static GpuMetricsService gpuMetrics(
      Fleet fleet,
      ReadGpuMetricsPort gpus,
      ScheduleTaskPort scheduler,
      FleetExecutors executors,
      Clock clock,
      VastProxyConfig config) {
    return new GpuMetricsService(
        fleet, gpus, scheduler, executors.gpuProbes(), clock, config.fleet().healthInterval());
  }

  @Provides
  @Singleton
  static EngineLoadService engineLoads(
      Fleet fleet,
      ReadEngineLoadPort engines,
      ScheduleTaskPort scheduler,
      Clock clock,
      VastProxyConfig config) {
    return new EngineLoadService(fleet, engines, scheduler, clock, config.fleet().loadInterval());
  }

  @Provides
  @Singleton
  static RecordRequestTimingUseCase timing(Fleet fleet) {
    return new RequestTimingService(fleet);
  }

  @Provides
  @Singleton
  static RecordTokensUseCase tokens(Fleet fleet) {
    return new TokenAccountingService(fleet);
  }

  @Provides
  @Singleton
  static CountRescuesUseCase rescues(Fleet fleet, RequestStatistics statistics) {
    return new RescueCountService(fleet, statistics);
  }

  @Provides
  @Singleton
  static TunnelService tunnels(
      Fleet fleet,
      OpenTunnelPort opener,
      CloseTunnelPort closer,
      ScheduleTaskPort scheduler,
      FleetExecutors executors,
      Clock clock) {
    return new TunnelService(fleet, opener, closer, scheduler, executors.tunnels(), clock);
  }

  @Provides
  @Singleton
  static FleetEventLog eventLog() {
    return new FleetEventLog();
  }

  @Provides
  @Singleton
  static LabelService labels(
      LabelInstancePort labels,
      FleetExecutors executors,
      VastProxyConfig config,
      Clock clock,
      InstanceLedger ledger) {
    return new LabelService(
        labels,
        executors.labels(),
        config.fleet().label().orElse(""),
        clock,
        id -> ledger.proxyStop(id).isPresent());
  }

  @Provides
  @Singleton
  static StopMarkService stopMarks(
      MarkStoppedPort marks, FleetExecutors executors, VastProxyConfig config) {
    // The label worker: a mark and a label written to one instance keep their order.
    return new StopMarkService(marks, executors.labels(), config.fleet().label().orElse(""));
  }
}
