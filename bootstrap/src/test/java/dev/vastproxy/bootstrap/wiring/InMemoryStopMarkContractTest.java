package dev.vastproxy.bootstrap.wiring;

import dev.vastproxy.application.contract.MarkStoppedPortContract;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.MarkStoppedPort;
import dev.vastproxy.domain.instance.Instance;
import java.util.Optional;

/** The stop-mark contract against the in-memory account the wiring tests stand in for vast.ai. */
class InMemoryStopMarkContractTest extends MarkStoppedPortContract {
  private final InMemoryVastAccount account = new InMemoryVastAccount();

  @Override
  protected MarkStoppedPort port() {
    return account;
  }

  @Override
  protected ListInstancesPort listing() {
    return account;
  }

  @Override
  protected void givenStopped(long id, Optional<String> label) {
    Instance.Builder instance = Instance.builder(id).status("stopped").env("VLLM_MODEL", "m");
    label.ifPresent(instance::label);
    account.put(instance.build());
  }
}
