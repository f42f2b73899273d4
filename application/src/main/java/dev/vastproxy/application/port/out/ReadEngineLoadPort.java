package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.Engine;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.concurrent.CompletionStage;

/** Reads how loaded an engine says it is (vLLM's or SGLang's metrics), with its bearer token. */
public interface ReadEngineLoadPort {

  /**
   * Starts a read without blocking; the stage completes within the read timeout, never
   * exceptionally.
   *
   * @param id the instance, for per-instance state such as a pinned certificate
   * @param engine which engine it runs, so which dialect to expect
   * @param endpoint where to send it
   */
  CompletionStage<EngineLoadResult> readLoad(InstanceId id, Engine engine, Endpoint endpoint);
}
