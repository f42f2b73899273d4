package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.InstanceResult;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.fleet.Fleet;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Destroys every enrolled instance on vast.ai, one at a time, reporting each result. */
public final class DestroyAllService implements DestroyAllUseCase {
  private static final System.Logger LOG = System.getLogger(DestroyAllService.class.getName());

  private final Fleet fleet;
  private final DestroyInstancePort instances;
  private final Executor worker;

  /**
   * @param worker runs the (blocking) destroy calls
   */
  public DestroyAllService(Fleet fleet, DestroyInstancePort instances, Executor worker) {
    this.fleet = fleet;
    this.instances = instances;
    this.worker = worker;
  }

  @Override
  public CompletionStage<List<InstanceResult>> destroyAll() {
    List<Backend> enrolled =
        fleet.snapshot().backends().stream()
            .filter(backend -> backend.state() != BackendState.REMOVING)
            .toList();
    return CompletableFuture.supplyAsync(
        () -> {
          List<InstanceResult> results = new ArrayList<>();
          for (Backend backend : enrolled) {
            results.add(new InstanceResult(backend.id(), destroy(backend)));
          }
          return results;
        },
        worker);
  }

  private ActionOutcome destroy(Backend backend) {
    try {
      DestroyOutcome outcome = instances.destroy(backend.id());
      LOG.log(Level.WARNING, "destroyed instance {0} ({1})", backend.id(), outcome);
      return ActionOutcome.ok(outcome == DestroyOutcome.DESTROYED ? "destroyed" : "already gone");
    } catch (VastApiException e) {
      LOG.log(Level.ERROR, "could not destroy instance {0}: {1}", backend.id(), e.getMessage());
      return ActionOutcome.failed(e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "could not destroy instance " + backend.id(), e);
      return ActionOutcome.failed(e.toString());
    }
  }
}
