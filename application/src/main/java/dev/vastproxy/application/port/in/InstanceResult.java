package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.Objects;

/**
 * How a fleet action went on one instance.
 *
 * @param id the instance
 * @param outcome success or failure, and what happened
 */
public record InstanceResult(InstanceId id, ActionOutcome outcome) {
  public InstanceResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(outcome, "outcome");
  }
}
