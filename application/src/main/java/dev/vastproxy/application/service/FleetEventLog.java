package dev.vastproxy.application.service;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.FleetListener;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import java.lang.System.Logger.Level;
import java.util.Optional;

/** Logs every backend state change with its reason, and the end of a discovery problem. */
public final class FleetEventLog implements FleetListener {
  private static final System.Logger LOG = System.getLogger(FleetEventLog.class.getName());

  @Override
  public void fleetChanged(FleetSnapshot before, FleetSnapshot after) {
    for (Backend backend : after.backends()) {
      Optional<Backend> previous = before.backend(backend.id());
      if (previous.isEmpty() || previous.get().state() != backend.state()) {
        LOG.log(
            backend.state() == BackendState.UNHEALTHY ? Level.WARNING : Level.INFO,
            "instance {0} {1}: {7} ({2} {3}x{4}, {5}, model {6})",
            backend.id(),
            backend.state(),
            backend.engine().displayName(),
            backend.instance().gpuName().isEmpty() ? "GPU" : backend.instance().gpuName(),
            backend.instance().gpuCount(),
            backend.endpoint().map(Object::toString).orElse("no endpoint yet"),
            backend.primaryModel().orElse("unknown"),
            backend.reason().describe());
      }
    }
    for (Backend gone : before.backends()) {
      if (after.backend(gone.id()).isEmpty()) {
        LOG.log(Level.INFO, "instance {0} forgotten", gone.id());
      }
    }
    if (before.problem().isPresent() && after.problem().isEmpty()) {
      LOG.log(Level.INFO, "discovery recovered");
    }
  }
}
