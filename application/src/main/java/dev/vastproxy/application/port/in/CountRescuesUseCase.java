package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.backend.Rescue;
import dev.vastproxy.domain.instance.InstanceId;

/**
 * Counts what the proxy did for requests and streams an instance failed, for the status API and the
 * dashboard. Called on IO threads: never blocks.
 */
public interface CountRescuesUseCase {

  /** Counts one rescue against {@code instance}: the one that failed, or failed to continue. */
  void count(InstanceId instance, Rescue rescue);
}
