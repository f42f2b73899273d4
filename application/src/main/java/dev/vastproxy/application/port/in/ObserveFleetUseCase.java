package dev.vastproxy.application.port.in;

/** Use case: look at the whole fleet (dashboard, status API, metrics). */
public interface ObserveFleetUseCase {

  /** The fleet now; never blocks the request path or the fleet loops. */
  FleetView observeFleet();
}
