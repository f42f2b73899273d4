package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.contract.MarkStoppedPortContract;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The stop-mark contract against the vast.ai adapters over the simulator's vast.ai API. */
class VastAiStopMarkAdapterContractTest extends MarkStoppedPortContract {
  private final FakeVastApi vast = FakeVastApi.start(VastAiTestSupport.KEY);
  private final VastAiConnection connection =
      new VastAiConnection(
          vast.baseUri(), Secret.of(VastAiTestSupport.KEY), VastAiTestSupport.fastTuning());

  @AfterEach
  void stop() {
    vast.close();
  }

  @Override
  protected MarkStoppedPort port() {
    return new VastAiStopMarkAdapter(new VastAiLabelAdapter(connection));
  }

  @Override
  protected ListInstancesPort listing() {
    return new VastAiInstancesAdapter(connection);
  }

  @Override
  protected void givenStopped(long id, Optional<String> label) {
    FakeVastInstance instance =
        FakeVastInstance.running(id).vllm("m").status("stopped").intendedStatus("stopped");
    label.ifPresent(instance::label);
    vast.putInstance(instance);
  }
}
