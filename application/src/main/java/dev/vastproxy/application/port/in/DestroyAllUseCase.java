package dev.vastproxy.application.port.in;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Use case: destroy every enrolled instance on vast.ai (irreversible; callers confirm first). */
public interface DestroyAllUseCase {

  /** Destroys the instances one at a time; one result per instance. */
  CompletionStage<List<InstanceResult>> destroyAll();
}
