package dev.vastproxy.application.port.in;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Use case: abort every request on every healthy SGLang backend. */
public interface AbortAllUseCase {

  /** Asks each healthy SGLang backend to abort all; one result per backend asked. */
  CompletionStage<List<InstanceResult>> abortAll();
}
