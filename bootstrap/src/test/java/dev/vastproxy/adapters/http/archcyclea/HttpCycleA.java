package dev.vastproxy.adapters.http.archcyclea;

import dev.vastproxy.adapters.http.archcycleb.HttpCycleB;

/** One half of a cycle between two packages of the HTTP adapter. */
public final class HttpCycleA {
  /** Reaches the other half. */
  public static Object other() {
    return HttpCycleB.class;
  }
}
