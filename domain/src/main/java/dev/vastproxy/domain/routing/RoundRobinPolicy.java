package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;

/** Takes the group's members in turn, in id order: one atomic increment per pick. */
public final class RoundRobinPolicy implements SelectionPolicy {
  /** The setting's name. */
  public static final String NAME = "round-robin";

  @Override
  public Backend choose(RouteGroup group) {
    Policies.requireMembers(group);
    return group.get(group.nextPosition());
  }

  @Override
  public String name() {
    return NAME;
  }
}
