package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.InstanceId;

/** Starts a stopped instance on vast.ai again (it may fail: the host's GPUs may be rented). */
public interface StartInstancePort {

  /**
   * Asks vast.ai to start the instance. May block (retries).
   *
   * @throws VastApiException when vast.ai did not accept the start
   */
  void start(InstanceId id) throws VastApiException;
}
