package dev.vastproxy.domain.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Finds slow outliers among the backends serving one model: a backend whose mean time to first byte
 * or mean request time is more than {@link #FACTOR} times the median of the others (and noticeably
 * so, by {@link #MIN_GAP}). A backend with too few samples is never judged, and neither is one
 * whose only peers have too few.
 */
public final class OutlierRule {
  /** How many times slower than its peers' median a backend must be to be an outlier. */
  public static final double FACTOR = 3.0;

  /**
   * The least absolute gap that counts: a backend answering in 4 ms next to peers answering in 1 ms
   * is not worth taking out.
   */
  public static final Duration MIN_GAP = Duration.ofMillis(100);

  /** Samples a mean needs before it is compared. */
  public static final long MIN_SAMPLES = 3;

  private OutlierRule() {}

  /** Whether each backend, by position, is a slow outlier among the others. */
  public static boolean[] outliers(List<RequestSpeed> speeds) {
    boolean[] slow = new boolean[speeds.size()];
    for (int i = 0; i < speeds.size(); i++) {
      RequestSpeed own = speeds.get(i);
      slow[i] =
          (own.firstByteSamples() >= MIN_SAMPLES
                  && worse(own.firstByteNanos(), peers(speeds, i, true)))
              || (own.requestSamples() >= MIN_SAMPLES
                  && worse(own.requestNanos(), peers(speeds, i, false)));
    }
    return slow;
  }

  private static boolean worse(double value, double[] peers) {
    if (peers.length == 0) {
      return false;
    }
    double median = median(peers);
    return value > FACTOR * median && value - median > MIN_GAP.toNanos();
  }

  private static double[] peers(List<RequestSpeed> speeds, int self, boolean firstByte) {
    return IntStream.range(0, speeds.size())
        .filter(i -> i != self)
        .mapToObj(speeds::get)
        .filter(s -> (firstByte ? s.firstByteSamples() : s.requestSamples()) >= MIN_SAMPLES)
        .mapToDouble(s -> firstByte ? s.firstByteNanos() : s.requestNanos())
        .toArray();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
