package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.InstanceId;

/**
 * Stops an instance on vast.ai: GPU billing stops, disk billing goes on; it can be started again.
 */
public interface StopInstancePort {

  /**
   * Asks vast.ai to stop the instance. May block (retries).
   *
   * @throws VastApiException when vast.ai did not accept the stop
   */
  void stop(InstanceId id) throws VastApiException;
}
