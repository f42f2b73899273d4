package dev.vastproxy.domain.archcycleb;

import dev.vastproxy.domain.archcyclea.CycleA;

/** The other half of a cycle between two domain packages. */
public final class CycleB {
  /** Reaches the first half. */
  public static Object other() {
    return CycleA.class;
  }
}
