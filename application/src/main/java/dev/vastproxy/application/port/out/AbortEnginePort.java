package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.concurrent.CompletionStage;

/** Asks an SGLang engine to abort every request it is working on. */
public interface AbortEnginePort {

  /**
   * Sends {@code POST /abort_request} with {@code {"rid": "", "abort_all": true}}; completes within
   * a timeout, never exceptionally.
   */
  CompletionStage<ActionOutcome> abortAll(InstanceId id, Endpoint endpoint);
}
