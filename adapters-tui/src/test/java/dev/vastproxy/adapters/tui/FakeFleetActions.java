package dev.vastproxy.adapters.tui;

import dev.vastproxy.application.port.in.AbortAllUseCase;
import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.InstanceResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Abort-all and destroy-all that count their calls and finish when the test says so. */
final class FakeFleetActions implements AbortAllUseCase, DestroyAllUseCase {
  final AtomicInteger aborts = new AtomicInteger();
  final AtomicInteger destroys = new AtomicInteger();
  final CompletableFuture<List<InstanceResult>> abortResult = new CompletableFuture<>();
  final CompletableFuture<List<InstanceResult>> destroyResult = new CompletableFuture<>();

  @Override
  public CompletionStage<List<InstanceResult>> abortAll() {
    aborts.incrementAndGet();
    return abortResult;
  }

  @Override
  public CompletionStage<List<InstanceResult>> destroyAll() {
    destroys.incrementAndGet();
    return destroyResult;
  }
}
