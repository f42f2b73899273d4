package dev.vastproxy.adapters.vastai;

import dev.vastproxy.application.contract.ListInstancesPortContract;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import dev.vastproxy.simulator.vastai.VastFault;
import org.junit.jupiter.api.AfterEach;

/** The listing contract against the vast.ai adapter over the simulator's vast.ai API. */
class VastAiInstancesAdapterContractTest extends ListInstancesPortContract {
  private final FakeVastApi vast = FakeVastApi.start(VastAiTestSupport.KEY);
  private final VastAiInstancesAdapter adapter =
      new VastAiInstancesAdapter(
          new VastAiConnection(
              vast.baseUri(), Secret.of(VastAiTestSupport.KEY), VastAiTestSupport.fastTuning()));

  @AfterEach
  void stop() {
    vast.close();
  }

  @Override
  protected ListInstancesPort port() {
    return adapter;
  }

  @Override
  protected void givenRunningVllm(long id, int hostPort, String token) {
    vast.putInstance(
        FakeVastInstance.running(id)
            .vllm(MODEL)
            .publicIp("127.0.0.1")
            .servedOn(hostPort)
            .jupyterToken(token));
  }

  @Override
  protected void givenLoading(long id) {
    vast.putInstance(FakeVastInstance.running(id).vllm(MODEL).status("loading"));
  }

  @Override
  protected void givenTheApiFails() {
    vast.failNextListCalls(1_000, VastFault.serverError());
  }
}
