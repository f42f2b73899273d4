package dev.vastproxy.bootstrap.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.vastproxy.application.port.out.CloseTunnelPort;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.GpuProbe;
import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.application.port.out.OpenTunnelPort;
import dev.vastproxy.application.port.out.ReadGpuMetricsPort;
import dev.vastproxy.application.port.out.StartInstancePort;
import dev.vastproxy.application.port.out.StopInstancePort;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.domain.backend.SshPath;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;

/** The product with the vast.ai and SSH adapters swapped for in-memory stand-ins. */
@Singleton
@Component(
    modules = {
      ApplicationModule.class,
      TestVastProxyComponent.InMemoryVastAiModule.class,
      HttpModule.class,
      TestVastProxyComponent.NoSshModule.class
    })
interface TestVastProxyComponent extends VastProxyComponent {

  /** The in-memory account the test drives. */
  InMemoryVastAccount account();

  /** Builds the test component. */
  @Component.Factory
  interface Factory {
    /** The component for these settings and this clock. */
    TestVastProxyComponent create(
        @BindsInstance VastProxyConfig config, @BindsInstance Clock clock);
  }

  /** The vast.ai out-ports, answered from memory. */
  @Module
  final class InMemoryVastAiModule {
    private InMemoryVastAiModule() {}

    @Provides
    @Singleton
    static InMemoryVastAccount account() {
      return new InMemoryVastAccount();
    }

    @Provides
    static ListInstancesPort list(InMemoryVastAccount account) {
      return account;
    }

    @Provides
    static LabelInstancePort label(InMemoryVastAccount account) {
      return account;
    }

    @Provides
    static MarkStoppedPort mark(InMemoryVastAccount account) {
      return account;
    }

    @Provides
    static DestroyInstancePort destroy(InMemoryVastAccount account) {
      return account;
    }

    @Provides
    static StopInstancePort stop(InMemoryVastAccount account) {
      return account;
    }

    @Provides
    static StartInstancePort start(InMemoryVastAccount account) {
      return account;
    }
  }

  /** No SSH: GPU probes fail politely, tunnels cannot be opened. */
  @Module
  final class NoSshModule {
    private NoSshModule() {}

    @Provides
    static ReadGpuMetricsPort gpus() {
      return instance -> GpuProbe.failed("no SSH in this test", SshPath.NONE);
    }

    @Provides
    static OpenTunnelPort openTunnel() {
      return (instance, port) -> {
        throw new IOException("no SSH in this test");
      };
    }

    @Provides
    static CloseTunnelPort closeTunnel() {
      return id -> {};
    }

    @Provides
    @IntoSet
    static AutoCloseable nothingToClose() {
      return () -> {};
    }
  }
}
