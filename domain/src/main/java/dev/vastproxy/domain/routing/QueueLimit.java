package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.load.LoadReading;
import java.util.Optional;

/**
 * When the backends that could take a request are too busy for more: each one's engine reports more
 * queued requests than the limit. A backend without a fresh reading is never over it (nothing says
 * so), so an engine that gives no load signal never holds requests back.
 *
 * @param limit queued requests an engine may report before it counts as full; 0 turns the rule off
 */
public record QueueLimit(int limit) {
  /** The rule turned off. */
  public static final QueueLimit OFF = new QueueLimit(0);

  public QueueLimit {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }

  /** Whether the rule is on. */
  public boolean enabled() {
    return limit > 0;
  }

  /** Whether every member of a non-empty group reports more queued requests than the limit. */
  public boolean allOver(RouteGroup group) {
    if (!enabled() || group.isEmpty()) {
      return false;
    }
    for (int i = 0; i < group.size(); i++) {
      Optional<LoadReading> reading = group.get(i).load().signals().reading();
      if (reading.isEmpty() || reading.get().report().waiting() <= limit) {
        return false;
      }
    }
    return true;
  }

  /**
   * The routable backends a request for {@code model} (or for any model) could go to; empty when
   * there are none.
   */
  public static Optional<RouteGroup> candidates(RoutingTable table, Optional<String> model) {
    if (model.isPresent()) {
      return table.serving(model.get());
    }
    return table.isEmpty() ? Optional.empty() : Optional.of(table.all());
  }
}
