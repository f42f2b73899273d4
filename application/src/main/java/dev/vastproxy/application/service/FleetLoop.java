package dev.vastproxy.application.service;

/**
 * A loop over the fleet (discovery, health checks, GPU and load readings, the idle guard, tunnels):
 * it runs from {@link #start()} to {@link #stop()}. Bootstrap starts the loops from one ordered
 * list and stops them in reverse.
 */
public interface FleetLoop {

  /** Starts the loop's timer; returns at once. */
  void start();

  /** Stops starting new work; work under way finishes (a loop that owns resources closes them). */
  void stop();
}
