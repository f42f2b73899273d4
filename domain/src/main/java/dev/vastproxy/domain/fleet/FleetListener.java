package dev.vastproxy.domain.fleet;

/** Told of every change to the fleet, in order. */
@FunctionalInterface
public interface FleetListener {

  /**
   * Called after the fleet changed, on the thread that changed it. Must return quickly and must not
   * change the fleet itself.
   */
  void fleetChanged(FleetSnapshot before, FleetSnapshot after);
}
