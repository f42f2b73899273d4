package dev.vastproxy.application.port.out;

import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.StopMark;
import java.util.Optional;

/**
 * Keeps the proxy's stop of an instance on vast.ai, beside the instance's own label, so that any
 * replica, and this one after a restart, lists it again as {@link
 * dev.vastproxy.domain.instance.Instance#stopMark()}.
 */
public interface MarkStoppedPort {

  /**
   * Writes the instance's label as {@code label} (empty: none) with the stop mark (empty: without
   * one, which clears a mark). May block (rate limit, retries).
   *
   * @throws VastApiException when vast.ai did not take it
   */
  void markStopped(InstanceId id, Optional<String> label, Optional<StopMark> mark)
      throws VastApiException;
}
