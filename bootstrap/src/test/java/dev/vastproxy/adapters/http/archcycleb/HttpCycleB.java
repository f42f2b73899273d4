package dev.vastproxy.adapters.http.archcycleb;

import dev.vastproxy.adapters.http.archcyclea.HttpCycleA;

/** The other half of a cycle between two packages of the HTTP adapter. */
public final class HttpCycleB {
  /** Reaches the first half. */
  public static Object other() {
    return HttpCycleA.class;
  }
}
