package dev.vastproxy.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import dev.vastproxy.adapters.vastai.VastAiConnection;
import dev.vastproxy.adapters.vastai.VastAiDestroyAdapter;
import dev.vastproxy.adapters.vastai.VastAiInstancesAdapter;
import dev.vastproxy.adapters.vastai.VastAiLabelAdapter;
import dev.vastproxy.adapters.vastai.VastAiStartAdapter;
import dev.vastproxy.adapters.vastai.VastAiStopAdapter;
import dev.vastproxy.adapters.vastai.VastAiStopMarkAdapter;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.LabelInstancePort;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.application.port.out.StartInstancePort;
import dev.vastproxy.application.port.out.StopInstancePort;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import jakarta.inject.Singleton;

/**
 * The vast.ai API over the generated client: listing, labels and stop marks, stop and start,
 * destroy.
 */
@Module
public final class VastAiModule {
  private VastAiModule() {}

  @Provides
  @Singleton
  static VastAiConnection connection(VastProxyConfig config) {
    return new VastAiConnection(
        config.vastApiUrl(),
        config
            .vastApiKey()
            .orElseThrow(() -> new IllegalStateException("no vast.ai API key configured")));
  }

  @Provides
  @Singleton
  static ListInstancesPort instances(VastAiConnection connection) {
    return new VastAiInstancesAdapter(connection);
  }

  @Provides
  @Singleton
  static VastAiLabelAdapter labelAdapter(VastAiConnection connection) {
    return new VastAiLabelAdapter(connection);
  }

  @Provides
  static LabelInstancePort labels(VastAiLabelAdapter labels) {
    return labels;
  }

  @Provides
  @Singleton
  static MarkStoppedPort stopMarks(VastAiLabelAdapter labels) {
    // Through the label adapter: marks and labels share vast.ai's rate limit for that endpoint.
    return new VastAiStopMarkAdapter(labels);
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
