package dev.vastproxy.bootstrap.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.vastproxy.application.port.in.AbortAllUseCase;
import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.bootstrap.runtime.VastProxyServer;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The wired product: one instance of each part, from validated settings. */
@Singleton
@Component(
    modules = {
      ApplicationModule.class,
      VastAiModule.class,
      HttpModule.class,
      SshModule.class,
      LifecycleModule.class
    })
public interface VastProxyComponent {

  /** The server that owns the lifecycle. */
  VastProxyServer server();

  /** For the dashboard: the fleet. */
  ObserveFleetUseCase observeFleet();

  /** For the dashboard: abort all. */
  AbortAllUseCase abortAll();

  /** For the dashboard: destroy all. */
  DestroyAllUseCase destroyAll();

  /** Builds a component. */
  @Component.Factory
  interface Factory {
    /** The component for these settings and this clock. */
    VastProxyComponent create(@BindsInstance VastProxyConfig config, @BindsInstance Clock clock);
  }
}
