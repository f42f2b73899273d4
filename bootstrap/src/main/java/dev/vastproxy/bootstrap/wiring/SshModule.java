package dev.vastproxy.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.vastproxy.adapters.ssh.SshKeys;
import dev.vastproxy.adapters.ssh.SshSessions;
import dev.vastproxy.adapters.ssh.SshSettings;
import dev.vastproxy.adapters.ssh.SshjGpuMetricsAdapter;
import dev.vastproxy.adapters.ssh.SshjTunnelAdapter;
import dev.vastproxy.adapters.ssh.TrustOnFirstUseHostKeys;
import dev.vastproxy.application.port.out.CloseTunnelPort;
import dev.vastproxy.application.port.out.OpenTunnelPort;
import dev.vastproxy.application.port.out.ReadGpuMetricsPort;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import jakarta.inject.Singleton;
import java.time.Clock;

/** SSH to the instances: GPU metrics and, for the ssh-tunnel transport, port forwards. */
@Module
public final class SshModule {
  private SshModule() {}

  @Provides
  @Singleton
  static SshSessions sessions(VastProxyConfig config, Clock clock) {
    return new SshSessions(
        SshKeys.load(config.account().sshKeys()),
        new TrustOnFirstUseHostKeys(config.account().knownHosts()),
        SshSettings.defaults(),
        clock);
  }

  @Provides
  @Singleton
  static ReadGpuMetricsPort gpus(SshSessions sessions) {
    return new SshjGpuMetricsAdapter(sessions);
  }

  @Provides
  @Singleton
  static SshjTunnelAdapter tunnels(SshSessions sessions) {
    return new SshjTunnelAdapter(sessions);
  }

  /** Closed at stop: the tunnels first, then the sessions they run over. */
  @Provides
  @IntoSet
  static AutoCloseable sshResources(SshjTunnelAdapter tunnels, SshSessions sessions) {
    return () -> {
      tunnels.close();
      sessions.close();
    };
  }

  @Provides
  static OpenTunnelPort openTunnel(SshjTunnelAdapter tunnels) {
    return tunnels;
  }

  @Provides
  static CloseTunnelPort closeTunnel(SshjTunnelAdapter tunnels) {
    return tunnels;
  }
}
