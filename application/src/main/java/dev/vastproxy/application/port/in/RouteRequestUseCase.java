package dev.vastproxy.application.port.in;

/** Use case: choose the backend for a proxied request. */
public interface RouteRequestUseCase {

  /**
   * Chooses a backend; lock-free, called on the request path. A routed request is counted in flight
   * on its backend until the caller releases the route's lease.
   */
  Route route(RouteQuery query);
}
