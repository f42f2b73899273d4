package dev.vastproxy.simulator.vastai;

import java.util.Objects;

/**
 * One label call the fake vast.ai API applied.
 *
 * @param instanceId the instance
 * @param label the label sent; empty when it was cleared
 */
public record LabelCall(long instanceId, String label) {
  public LabelCall {
    Objects.requireNonNull(label, "label");
  }

  /** Whether the call cleared the label. */
  public boolean cleared() {
    return label.isEmpty();
  }
}
