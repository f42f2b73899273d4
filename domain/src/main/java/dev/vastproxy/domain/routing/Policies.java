package dev.vastproxy.domain.routing;

import java.util.List;
import java.util.Optional;

/** The selection policies by setting name. */
public final class Policies {
  private Policies() {}

  /** The policy used when the setting names none. */
  public static final String DEFAULT = LeastLoadPolicy.NAME;

  /** The names a policy setting may take, the default first. */
  public static List<String> names() {
    return List.of(
        LeastLoadPolicy.NAME,
        RoundRobinPolicy.NAME,
        LeastRequestsPolicy.NAME,
        PowerOfTwoPolicy.NAME);
  }

  /** A new policy for a setting's name, if it names one. */
  public static Optional<SelectionPolicy> named(String name) {
    if (name == null) {
      return Optional.empty();
    }
    switch (name.strip()) {
      case LeastLoadPolicy.NAME:
        return Optional.of(new LeastLoadPolicy());
      case RoundRobinPolicy.NAME:
        return Optional.of(new RoundRobinPolicy());
      case LeastRequestsPolicy.NAME:
        return Optional.of(new LeastRequestsPolicy());
      case PowerOfTwoPolicy.NAME:
        return Optional.of(new PowerOfTwoPolicy());
      default:
        return Optional.empty();
    }
  }

  static void requireMembers(RouteGroup group) {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("cannot choose from an empty group");
    }
  }
}
