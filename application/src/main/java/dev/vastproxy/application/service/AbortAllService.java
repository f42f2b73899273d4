package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.AbortAllUseCase;
import dev.vastproxy.application.port.in.InstanceResult;
import dev.vastproxy.application.port.out.AbortEnginePort;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.fleet.Fleet;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Asks every healthy SGLang backend to abort all its requests (vLLM has no such call). */
public final class AbortAllService implements AbortAllUseCase {
  private static final System.Logger LOG = System.getLogger(AbortAllService.class.getName());

  private final Fleet fleet;
  private final AbortEnginePort engines;

  public AbortAllService(Fleet fleet, AbortEnginePort engines) {
    this.fleet = fleet;
    this.engines = engines;
  }

  @Override
  public CompletionStage<List<InstanceResult>> abortAll() {
    List<CompletableFuture<InstanceResult>> results = new ArrayList<>();
    for (Backend backend : fleet.snapshot().backends()) {
      if (backend.state() != BackendState.HEALTHY
          || !backend.engine().supportsAbortAll()
          || backend.endpoint().isEmpty()) {
        continue;
      }
      CompletionStage<ActionOutcome> outcome;
      try {
        outcome = engines.abortAll(backend.id(), backend.endpoint().get());
      } catch (RuntimeException e) {
        outcome = CompletableFuture.completedFuture(ActionOutcome.failed(e.toString()));
      }
      results.add(
          outcome
              .toCompletableFuture()
              .exceptionally(e -> ActionOutcome.failed(e.toString()))
              .thenApply(done -> new InstanceResult(backend.id(), done)));
    }
    LOG.log(Level.INFO, "abort all: asking {0} SGLang backend(s)", results.size());
    return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
        .thenApply(ignored -> results.stream().map(CompletableFuture::join).toList());
  }
}
