package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;

/** Chooses one backend of a group for a request. */
public interface SelectionPolicy {

  /**
   * Picks a member of a non-empty group. Called on every request: must not block or lock.
   *
   * @throws IllegalArgumentException when the group is empty
   */
  Backend choose(RouteGroup group);

  /** The setting's name, e.g. {@code round-robin}. */
  String name();
}
