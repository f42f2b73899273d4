package dev.vastproxy.bootstrap.wiring;

import dev.vastproxy.application.contract.ListInstancesPortContract;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.domain.instance.Instance;

/** The listing contract against the in-memory account the wiring tests stand in for vast.ai. */
class InMemoryVastAccountContractTest extends ListInstancesPortContract {
  private final InMemoryVastAccount account = new InMemoryVastAccount();

  @Override
  protected ListInstancesPort port() {
    return account;
  }

  @Override
  protected void givenRunningVllm(long id, int hostPort, String token) {
    account.put(
        Instance.builder(id)
            .running()
            .address("127.0.0.1")
            .portMapping(8000, hostPort)
            .env("VLLM_MODEL", MODEL)
            .env("VLLM_ARGS", "--host 127.0.0.1 --port 18000")
            .token(token)
            .build());
  }

  @Override
  protected void givenLoading(long id) {
    account.put(Instance.builder(id).status("loading").env("VLLM_MODEL", MODEL).build());
  }

  @Override
  protected void givenTheApiFails() {
    account.failListings();
  }
}
