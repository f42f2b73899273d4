package dev.vastproxy.domain.archcyclea;

import dev.vastproxy.domain.archcycleb.CycleB;

/** One half of a cycle between two domain packages. */
public final class CycleA {
  /** Reaches the other half. */
  public static Object other() {
    return CycleB.class;
  }
}
