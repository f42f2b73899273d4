package dev.vastproxy.domain.backend;

import java.util.concurrent.atomic.LongAdder;

/** Live counts of {@link Rescue}s, bumped on the request path without locks. */
public final class RescueCounters {
  private final LongAdder[] counts = new LongAdder[Rescue.values().length];

  public RescueCounters() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Counts one rescue. */
  public void add(Rescue rescue) {
    counts[rescue.ordinal()].increment();
  }

  /** The counts now. */
  public RescueCounts counts() {
    return new RescueCounts(
        sum(Rescue.RETRIED_BEFORE_FIRST_BYTE),
        sum(Rescue.RESUMED),
        sum(Rescue.NOT_RESUMABLE),
        sum(Rescue.RESUME_FAILED));
  }

  private long sum(Rescue rescue) {
    return counts[rescue.ordinal()].sum();
  }
}
