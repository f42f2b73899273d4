package dev.vastproxy.domain.routing;

import java.util.Optional;
import java.util.function.Supplier;

/** The selection policies a setting may name, each with its setting name; the default first. */
public enum PolicyKind {
  LEAST_LOAD(LeastLoadPolicy.NAME, LeastLoadPolicy::new),
  ROUND_ROBIN(RoundRobinPolicy.NAME, RoundRobinPolicy::new),
  LEAST_REQUESTS(LeastRequestsPolicy.NAME, LeastRequestsPolicy::new),
  POWER_OF_TWO(PowerOfTwoPolicy.NAME, PowerOfTwoPolicy::new);

  private final String text;
  private final Supplier<SelectionPolicy> factory;

  PolicyKind(String text, Supplier<SelectionPolicy> factory) {
    this.text = text;
    this.factory = factory;
  }

  /** The name a setting uses, e.g. {@code least-load}. */
  public String text() {
    return text;
  }

  /** A new policy of this kind (policies keep state, such as a round-robin counter). */
  public SelectionPolicy newPolicy() {
    return factory.get();
  }

  /** The kind a setting's name names, if any; surrounding blanks are ignored. */
  public static Optional<PolicyKind> named(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String stripped = name.strip();
    for (PolicyKind kind : values()) {
      if (kind.text.equals(stripped)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
