package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.InstanceId;

/** Sets an instance's vast.ai label. */
public interface LabelInstancePort {

  /**
   * Sets the label; the empty text clears it. May block (rate limit, retries).
   *
   * @throws VastApiException when vast.ai did not set it
   */
  void setLabel(InstanceId id, String label) throws VastApiException;
}
