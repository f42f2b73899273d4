package dev.vastproxy.bootstrap.runtime;

import dev.vastproxy.application.service.FleetLoop;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The fleet loops in the order they start; they stop in reverse, so that a loop stops before the
 * loops it was started after (discovery, started last, stops first: no backend appears while the
 * others stop; tunnels, started first, close last: no probe runs over a closed tunnel).
 *
 * @param inStartOrder the loops, first started first
 */
public record FleetLoops(List<FleetLoop> inStartOrder) {
  private static final System.Logger LOG = System.getLogger(FleetLoops.class.getName());

  public FleetLoops {
    inStartOrder = List.copyOf(inStartOrder);
  }

  /** Starts every loop, in order. */
  public void startAll() {
    inStartOrder.forEach(FleetLoop::start);
  }

  /** Stops every loop, last started first; one that fails to stop does not keep the rest going. */
  public void stopAll() {
    for (int i = inStartOrder.size() - 1; i >= 0; i--) {
      FleetLoop loop = inStartOrder.get(i);
      try {
        loop.stop();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not stop {0}: {1}", loop, e.toString());
      }
    }
  }
}
