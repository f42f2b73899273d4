package dev.vastproxy.domain.cost;

/**
 * Tokens served, as read at one moment, kept apart by source so that an estimate is never taken for
 * an exact figure.
 *
 * @param promptUsage prompt tokens the engines reported
 * @param completionUsage completion tokens the engines reported
 * @param promptEstimate prompt tokens the proxy estimated (none today: a stream without {@code
 *     usage} says nothing of its prompt)
 * @param completionEstimate completion tokens the proxy counted from content events
 */
public record TokenTally(
    long promptUsage, long completionUsage, long promptEstimate, long completionEstimate) {
  /** Nothing served. */
  public static final TokenTally ZERO = new TokenTally(0, 0, 0, 0);

  public TokenTally {
    if (promptUsage < 0 || completionUsage < 0 || promptEstimate < 0 || completionEstimate < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** Prompt tokens, from both sources. */
  public long prompt() {
    return promptUsage + promptEstimate;
  }

  /** Completion tokens, from both sources. */
  public long completion() {
    return completionUsage + completionEstimate;
  }

  /** Every token, from both sources. */
  public long total() {
    return prompt() + completion();
  }

  /** Whether any part of the figures is an estimate. */
  public boolean estimated() {
    return promptEstimate + completionEstimate > 0;
  }

  /** The tokens of one kind from one source. */
  public long count(boolean prompt, TokenSource source) {
    if (source == TokenSource.USAGE) {
      return prompt ? promptUsage : completionUsage;
    }
    return prompt ? promptEstimate : completionEstimate;
  }

  /** Both tallies together (fleet totals). */
  public TokenTally plus(TokenTally other) {
    return new TokenTally(
        promptUsage + other.promptUsage,
        completionUsage + other.completionUsage,
        promptEstimate + other.promptEstimate,
        completionEstimate + other.completionEstimate);
  }
}
