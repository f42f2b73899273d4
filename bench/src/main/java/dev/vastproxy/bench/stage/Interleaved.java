package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.targets.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one measurement per target per round, alternating the order between rounds (forward, then
 * backward) so that no target always goes first or right after another.
 */
public final class Interleaved {
  /** One measurement. */
  @FunctionalInterface
  public interface Measure<R> {
    R run(Target target, int round) throws IOException;
  }

  private Interleaved() {}

  /** The targets in the order of a round (0-based). */
  public static <T> List<T> order(List<T> items, int round) {
    List<T> ordered = new ArrayList<>(items);
    if (round % 2 == 1) {
      Collections.reverse(ordered);
    }
    return ordered;
  }

  /** Every target's results, in round order, by target name (in the targets' order). */
  public static <R> Map<String, List<R>> run(
      List<Target> targets, int rounds, Measure<R> measure, Consumer<String> log)
      throws IOException {
    Map<String, List<R>> results = new LinkedHashMap<>();
    targets.forEach(target -> results.put(target.name(), new ArrayList<>()));
    for (int round = 0; round < rounds; round++) {
      for (Target target : order(targets, round)) {
        log.accept("round " + (round + 1) + "/" + rounds + ": " + target.name());
        results.get(target.name()).add(measure.run(target, round));
      }
    }
    return results;
  }
}
