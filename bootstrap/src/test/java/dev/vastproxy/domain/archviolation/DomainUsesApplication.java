package dev.vastproxy.domain.archviolation;

import dev.vastproxy.application.port.in.RouteQuery;

/** Breaks "dependencies point inward only": the domain reaching out to the application. */
public final class DomainUsesApplication {
  /** Uses an application type from the domain. */
  public static Object query() {
    return RouteQuery.any();
  }
}
