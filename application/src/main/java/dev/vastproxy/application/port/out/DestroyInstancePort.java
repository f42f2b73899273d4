package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.InstanceId;

/** Destroys an instance on vast.ai, irreversibly. */
public interface DestroyInstancePort {

  /**
   * Destroys the instance. May block (retries).
   *
   * @throws VastApiException when vast.ai did not destroy it
   */
  DestroyOutcome destroy(InstanceId id) throws VastApiException;
}
