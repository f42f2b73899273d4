package dev.vastproxy.application.archviolation;

import dev.vastproxy.domain.archviolation.DomainUsesApplication;

/** With {@link DomainUsesApplication}, makes a cycle between the domain and the application. */
public final class ModuleCycle {
  /** Reaches back into the domain's violating class. */
  public static Object back() {
    return DomainUsesApplication.query();
  }
}
