package dev.vastproxy.application.support;

import dev.vastproxy.application.contract.ProbeBackendPortContract;
import dev.vastproxy.application.port.out.ProbeBackendPort;
import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.domain.testing.Cards;
import java.time.Duration;

/**
 * The probe contract against {@link FakeProbes}: the fake answers what the real adapter would. It
 * models no time, so a silent backend answers at once what a timed-out probe reports.
 */
class FakeProbesContractTest extends ProbeBackendPortContract {
  private final FakeProbes probes = new FakeProbes();
  private long nextId = 1;

  @Override
  protected ProbeBackendPort port() {
    return probes;
  }

  @Override
  protected Duration timeout() {
    return Duration.ofMillis(500);
  }

  private Target target(ProbeResult answer) {
    long id = nextId++;
    if (answer != null) {
      probes.answer(id, answer);
    }
    return new Target(
        new InstanceId(id), new Endpoint(Scheme.HTTP, "127.0.0.1", 40_000, Secret.of("t")));
  }

  @Override
  protected Target serving(String model) {
    return target(new ProbeResult.Healthy(Cards.of(model)));
  }

  @Override
  protected Target loading() {
    return target(new ProbeResult.Loading("the engine is loading (instance portal placeholder)"));
  }

  @Override
  protected Target refusingTheToken() {
    return target(new ProbeResult.Failed("HTTP 401: the instance refused its token"));
  }

  @Override
  protected Target unreachable() {
    return target(null);
  }

  @Override
  protected Target silent() {
    return target(new ProbeResult.Failed("timed out after " + timeout().toMillis() + " ms"));
  }
}
