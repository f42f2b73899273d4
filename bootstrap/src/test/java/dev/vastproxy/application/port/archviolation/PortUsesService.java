package dev.vastproxy.application.port.archviolation;

import dev.vastproxy.application.service.RoutingService;

/** Breaks "ports do not depend on services". */
public interface PortUsesService {
  /** Hands out a service from a port. */
  RoutingService service();
}
