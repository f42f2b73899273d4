package dev.vastproxy.bench.targets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** How to start one kind of target in front of the mock fleet. */
public interface TargetKind {
  /** The name its targets carry in tables. */
  String name();

  /** Why it cannot run here (a program is not installed, say); empty when it can. */
  Optional<String> missing();

  /**
   * Starts one, with its files in {@code dir}, and returns once it proxies.
   *
   * @throws IOException when it does not come up
   */
  Target start(MockFleet fleet, Path dir) throws IOException;

  /** The mock backends themselves. */
  static TargetKind direct() {
    return new TargetKind() {
      @Override
      public String name() {
        return "direct";
      }

      @Override
      public Optional<String> missing() {
        return Optional.empty();
      }

      @Override
      public Target start(MockFleet fleet, Path dir) {
        return new DirectTarget(fleet.engines());
      }
    };
  }
}
