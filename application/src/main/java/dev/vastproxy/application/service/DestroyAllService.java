package dev.vastproxy.application.service;

import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.InstanceResult;
import dev.vastproxy.application.port.out.DestroyInstancePort;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.port.out.ListInstancesPort;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.fleet.Fleet;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Destroys every enrolled instance that served a model since the proxy started, one at a time, then
 * lists the account again and reports any instance still there as not destroyed. An enrolled
 * instance that never served (a training box on the same account) is kept and reported as such.
 */
public final class DestroyAllService implements DestroyAllUseCase {
  private static final System.Logger LOG = System.getLogger(DestroyAllService.class.getName());

  /** What a kept instance's result says. */
  static final String NEVER_SERVED =
      "kept: it never served a model since the proxy started (not an inference server?)";

  /** What a destroyed instance that vast.ai still lists says. */
  static final String STILL_LISTED = "not destroyed: vast.ai still lists it after the destroy call";

  private final Fleet fleet;
  private final InstanceLedger ledger;
  private final DestroyInstancePort instances;
  private final ListInstancesPort listing;
  private final Executor worker;

  /**
   * @param ledger says which instances served a model
   * @param listing lists the account again afterwards, to verify
   * @param worker runs the (blocking) destroy calls
   */
  public DestroyAllService(
      Fleet fleet,
      InstanceLedger ledger,
      DestroyInstancePort instances,
      ListInstancesPort listing,
      Executor worker) {
    this.fleet = fleet;
    this.ledger = ledger;
    this.instances = instances;
    this.listing = listing;
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
            ActionOutcome outcome =
                ledger.actionable(backend.id())
                    ? destroy(backend)
                    : ActionOutcome.failed(NEVER_SERVED);
            results.add(new InstanceResult(backend.id(), outcome));
          }
          return verified(results);
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

  /** The results after a fresh listing: a "destroyed" instance still listed was not destroyed. */
  private List<InstanceResult> verified(List<InstanceResult> results) {
    if (results.stream().noneMatch(result -> result.outcome().success())) {
      return results;
    }
    Set<InstanceId> remaining;
    try {
      remaining =
          listing.listInstances().instances().stream()
              .map(Instance::id)
              .collect(Collectors.toSet());
    } catch (VastApiException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not list again to verify the destroys: {0}", e.getMessage());
      return results.stream()
          .map(
              result ->
                  result.outcome().success()
                      ? new InstanceResult(
                          result.id(),
                          ActionOutcome.ok(
                              result.outcome().message()
                                  + " (not verified: "
                                  + e.getMessage()
                                  + ")"))
                      : result)
          .toList();
    }
    List<InstanceResult> checked = new ArrayList<>();
    for (InstanceResult result : results) {
      if (result.outcome().success() && remaining.contains(result.id())) {
        LOG.log(Level.ERROR, "instance {0} is still listed after its destroy", result.id());
        checked.add(new InstanceResult(result.id(), ActionOutcome.failed(STILL_LISTED)));
      } else {
        checked.add(result);
      }
    }
    return checked;
  }
}
