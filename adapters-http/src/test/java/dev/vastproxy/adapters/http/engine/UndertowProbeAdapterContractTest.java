package dev.vastproxy.adapters.http.engine;

import dev.vastproxy.adapters.http.upstream.OwnCalls;
import dev.vastproxy.application.contract.ProbeBackendPortContract;
import dev.vastproxy.application.port.out.ProbeBackendPort;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The probe contract against the Undertow probe adapter and simulator engines on loopback. */
class UndertowProbeAdapterContractTest extends ProbeBackendPortContract {
  private static final String TOKEN = "probe-token";
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  private final OwnCalls own = new OwnCalls();
  private final UndertowProbeAdapter probes =
      new UndertowProbeAdapter(own.calls(), own.tls(), TIMEOUT);
  private final List<FakeEngine> engines = new ArrayList<>();
  private long nextId = 1;

  @AfterEach
  void stop() {
    engines.forEach(FakeEngine::close);
    own.close();
  }

  @Override
  protected ProbeBackendPort port() {
    return probes;
  }

  @Override
  protected Duration timeout() {
    return TIMEOUT;
  }

  private Target target(FakeEngine.Builder builder, Fault fault, String token) {
    FakeEngine engine = builder.bearerToken(TOKEN).start();
    engines.add(engine);
    if (fault != null) {
      engine.setFault(fault);
    }
    return new Target(
        new InstanceId(nextId++),
        new Endpoint(Scheme.HTTP, "127.0.0.1", engine.port(), Secret.of(token)));
  }

  @Override
  protected Target serving(String model) {
    return target(FakeEngine.builder().model(model), null, TOKEN);
  }

  @Override
  protected Target loading() {
    return target(FakeEngine.builder(), Fault.LOADING_PLACEHOLDER, TOKEN);
  }

  @Override
  protected Target refusingTheToken() {
    return target(FakeEngine.builder(), null, "wrong");
  }

  @Override
  protected Target unreachable() {
    return target(FakeEngine.builder(), Fault.REFUSE_CONNECTIONS, TOKEN);
  }

  @Override
  protected Target silent() {
    return target(FakeEngine.builder(), Fault.HANG, TOKEN);
  }
}
