package dev.vastproxy.domain.cost;

import java.util.concurrent.atomic.LongAdder;

/**
 * The live token counters of one enrolled instance: many IO threads add to them at once without
 * contending (one {@link LongAdder} per kind and source), readers take a {@link TokenTally}.
 */
public final class TokenCounts {
  private final LongAdder promptUsage = new LongAdder();
  private final LongAdder completionUsage = new LongAdder();
  private final LongAdder promptEstimate = new LongAdder();
  private final LongAdder completionEstimate = new LongAdder();

  /** Adds what one answer served. */
  public void add(TokensServed served) {
    boolean usage = served.source() == TokenSource.USAGE;
    if (served.prompt() > 0) {
      (usage ? promptUsage : promptEstimate).add(served.prompt());
    }
    if (served.completion() > 0) {
      (usage ? completionUsage : completionEstimate).add(served.completion());
    }
  }

  /**
   * The counts now. Under concurrent adds each figure is exact as of some moment during the call,
   * which is all a dashboard or a scrape needs.
   */
  public TokenTally tally() {
    return new TokenTally(
        promptUsage.sum(), completionUsage.sum(), promptEstimate.sum(), completionEstimate.sum());
  }

  @Override
  public String toString() {
    return "TokenCounts" + tally();
  }
}
