package dev.vastproxy.simulator.archviolation;

import dev.vastproxy.domain.instance.InstanceId;

/** Breaks "the simulator depends on no product module". */
public final class SimulatorUsesDomain {
  /** Uses a domain type in the fake world. */
  public static Object id() {
    return new InstanceId(1);
  }
}
