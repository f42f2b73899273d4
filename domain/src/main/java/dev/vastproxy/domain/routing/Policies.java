package dev.vastproxy.domain.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The selection policies by setting name. */
public final class Policies {
  private Policies() {}

  /** The policy used when the setting names none. */
  public static final String DEFAULT = LeastLoadPolicy.NAME;

  /** The names a policy setting may take, the default first. */
  public static List<String> names() {
    return Arrays.stream(PolicyKind.values()).map(PolicyKind::text).toList();
  }

  /** A new policy for a setting's name, if it names one. */
  public static Optional<SelectionPolicy> named(String name) {
    return PolicyKind.named(name).map(PolicyKind::newPolicy);
  }

  static void requireMembers(RouteGroup group) {
    if (group.isEmpty()) {
      throw new IllegalArgumentException("cannot choose from an empty group");
    }
  }
}
