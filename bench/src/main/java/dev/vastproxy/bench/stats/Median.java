package dev.vastproxy.bench.stats;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median of per-round figures, the number a benchmark reports. */
public final class Median {
  private Median() {}

  /** The median of the values (the mean of the middle two for an even count); NaN when empty. */
  public static double of(double... values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] copy = values.clone();
    Arrays.sort(copy);
    int middle = copy.length / 2;
    return copy.length % 2 == 1 ? copy[middle] : (copy[middle - 1] + copy[middle]) / 2;
  }

  /** The median of one figure taken from each round's result. */
  public static <T> double of(List<T> rounds, ToDoubleFunction<T> figure) {
    return of(rounds.stream().mapToDouble(figure).toArray());
  }
}
