package dev.vastproxy.domain.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Finds slow outliers among the backends serving one model: a backend whose mean time to first byte
 * or mean request time is more than {@link #FACTOR} times the median of the others (and noticeably
 * so, by {@link #MIN_GAP}). A backend with too few samples is never judged, and neither is one
 * whose only peers have too few. Load is not slowness: a first byte is not judged while the engine
 * reports requests waiting (they wait for its queue, which routing weighs), and a request time is
 * not judged when the engine's own time per token is no worse than its peers' (its requests were
 * longer, not slower: one replica's first short answer on one engine must not eject the rest).
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
  public static boolean[] outliers(List<BackendSpeed> backends) {
    List<RequestSpeed> speeds = backends.stream().map(BackendSpeed::measured).toList();
    boolean[] slow = new boolean[speeds.size()];
    for (int i = 0; i < speeds.size(); i++) {
      RequestSpeed own = speeds.get(i);
      slow[i] =
          (own.firstByteSamples() >= MIN_SAMPLES
                  && !backends.get(i).queued()
                  && worse(own.firstByteNanos(), peers(speeds, i, true)))
              || (own.requestSamples() >= MIN_SAMPLES
                  && !notSlowerPerToken(backends, i)
                  && worse(own.requestNanos(), peers(speeds, i, false)));
    }
    return slow;
  }

  /** Whether the engines' own times per token show this one no slower than its peers' median. */
  private static boolean notSlowerPerToken(List<BackendSpeed> backends, int self) {
    double own = backends.get(self).perTokenNanos();
    double[] peers =
        java.util.stream.IntStream.range(0, backends.size())
            .filter(i -> i != self)
            .mapToDouble(i -> backends.get(i).perTokenNanos())
            .filter(perToken -> perToken > 0)
            .toArray();
    return own > 0 && peers.length > 0 && own <= median(peers);
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
