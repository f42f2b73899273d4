package dev.vastproxy.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.vastproxy.adapters.vastai.VastAiConnection;
import dev.vastproxy.adapters.vastai.VastAiDestroyAdapter;
import dev.vastproxy.adapters.vastai.VastAiInstancesAdapter;
import dev.vastproxy.adapters.vastai.VastAiLabelAdapter;
import dev.vastproxy.adapters.vastai.VastAiStartAdapter;
import dev.vastproxy.adapters.vastai.VastAiStopAdapter;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.StartInstancePort;
import dev.vastproxy.application.port.out.StopInstancePort;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import jakarta.inject.Singleton;

/** The vast.ai API over the generated client: listing, labels, stop and start, destroy. */
@Module
public final class VastAiModule {
  private VastAiModule() {}

  @Provides
  @Singleton
  static VastAiConnection connection(VastProxyConfig config) {
    return new VastAiConnection(
        config.account().apiUrl(),
        config
            .account()
            .apiKey()
            .orElseThrow(() -> new IllegalStateException("no vast.ai API key configured")));
  }

  @Provides
  @Singleton
  static ListInstancesPort instances(VastAiConnection connection) {
    return new VastAiInstancesAdapter(connection);
  }

  @Provides
  @Singleton
  static LabelInstancePort labels(VastAiConnection connection) {
    return new VastAiLabelAdapter(connection);
  }

  @Provides
  @Singleton
  static DestroyInstancePort destroy(VastAiConnection connection) {
    return new VastAiDestroyAdapter(connection);
  }

  @Provides
  @Singleton
  static StopInstancePort stop(VastAiConnection connection) {
    return new VastAiStopAdapter(connection);
  }

  @Provides
  @Singleton
  static StartInstancePort start(VastAiConnection connection) {
    return new VastAiStartAdapter(connection);
  }
}
