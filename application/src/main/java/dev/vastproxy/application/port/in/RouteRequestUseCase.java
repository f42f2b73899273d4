package dev.vastproxy.application.port.in;

import dev.vastproxy.domain.routing.RoutingDecision;

/** Use case: choose the backend for a proxied request. */
public interface RouteRequestUseCase {

  /** Chooses a backend; lock-free, called on the request path. */
  RoutingDecision route(RouteQuery query);
}
