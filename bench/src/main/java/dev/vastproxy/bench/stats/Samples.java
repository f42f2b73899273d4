package dev.vastproxy.bench.stats;

import java.util.Arrays;

/** A growable list of nanosecond measurements with nearest-rank percentiles; not thread-safe. */
public final class Samples {
  private long[] values;
  private int size;
  private boolean sorted = true;

  /** An empty list with room for {@code capacity} values before it grows. */
  public Samples(int capacity) {
    this.values = new long[Math.max(16, capacity)];
  }

  /** Adds one value. */
  public void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    if (size > 0 && value < values[size - 1]) {
      sorted = false;
    }
    values[size++] = value;
  }

  /** Adds every value of another list. */
  public void addAll(Samples other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  /** How many values there are. */
  public int count() {
    return size;
  }

  /**
   * The nearest-rank percentile, {@code q} in (0, 1]; 0 when empty.
   *
   * @throws IllegalArgumentException when q is outside (0, 1]
   */
  public long percentile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("a percentile is in (0, 1], got " + q);
    }
    if (size == 0) {
      return 0;
    }
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
    int rank = (int) Math.ceil(q * size);
    return values[Math.max(0, rank - 1)];
  }

  /** The arithmetic mean; 0 when empty. */
  public double mean() {
    if (size == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += values[i];
    }
    return sum / size;
  }

  /** p50, p99 and p99.9 in milliseconds. */
  public Percentiles percentilesMillis() {
    return new Percentiles(
        percentile(0.50) / 1e6, percentile(0.99) / 1e6, percentile(0.999) / 1e6, size);
  }
}
