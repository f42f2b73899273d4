package dev.vastproxy.application.service;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.load.BackendSpeed;
import dev.vastproxy.domain.load.OutlierRule;
import dev.vastproxy.domain.load.RequestSpeed;
import dev.vastproxy.domain.routing.RouteGroup;
import dev.vastproxy.domain.routing.RoutingTable;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges, model by model, which routable backends are slow outliers among the others serving the
 * same model, and flags them on their live signals (a backend slow for any of its models is
 * flagged). Logs each change.
 */
final class OutlierMarks {
  private static final System.Logger LOG = System.getLogger(OutlierMarks.class.getName());

  void mark(RoutingTable table) {
    Map<Backend, Boolean> slow = new HashMap<>();
    for (String model : table.models()) {
      RouteGroup group = table.serving(model).orElseThrow();
      List<Backend> members = group.members();
      boolean[] flags =
          OutlierRule.outliers(
              members.stream().map(b -> BackendSpeed.of(b.load().signals())).toList());
      for (int i = 0; i < flags.length; i++) {
        slow.merge(members.get(i), flags[i], Boolean::logicalOr);
      }
    }
    slow.forEach(this::flag);
  }

  private void flag(Backend backend, boolean slow) {
    if (backend.load().signals().outlier() == slow) {
      return;
    }
    backend.load().signals().markOutlier(slow);
    RequestSpeed speed = backend.load().signals().speed();
    LOG.log(
        Level.WARNING,
        slow
            ? "backend {0} is a slow outlier (first byte {1} ms, request {2} ms on average): it"
                + " gets a probe share until it is back in line"
            : "backend {0} is back in line (first byte {1} ms, request {2} ms on average)",
        backend.id(),
        Math.round(speed.firstByteNanos() / 1e6),
        Math.round(speed.requestNanos() / 1e6));
  }
}
