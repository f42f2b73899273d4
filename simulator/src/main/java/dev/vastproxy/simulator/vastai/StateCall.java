package dev.vastproxy.simulator.vastai;

import java.util.Objects;

/**
 * One state change the fake vast.ai API applied.
 *
 * @param instanceId the instance
 * @param state {@code stopped} or {@code running}
 */
public record StateCall(long instanceId, String state) {
  public StateCall {
    Objects.requireNonNull(state, "state");
  }
}
