package dev.vastproxy.domain.cost;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What tokens cost: the dollars an instance (or the fleet) was billed while enrolled, idle time
 * included, against the tokens it served in that time.
 *
 * @param dollars dollars billed while enrolled
 * @param tokens tokens served in that time
 */
public record TokenCost(double dollars, TokenTally tokens) {
  private static final double SECONDS_PER_HOUR = 3600.0;
  private static final double MILLION = 1_000_000.0;

  /** Nothing billed, nothing served. */
  public static final TokenCost ZERO = new TokenCost(0, TokenTally.ZERO);

  public TokenCost {
    Objects.requireNonNull(tokens, "tokens");
    if (!(dollars >= 0) || Double.isInfinite(dollars)) {
      throw new IllegalArgumentException("dollars must be a finite number >= 0, got " + dollars);
    }
  }

  /**
   * The cost of an instance billed {@code dollarsPerHour} for {@code enrolled}, every second of it
   * whether it served or idled: an idle GPU-hour is paid like a busy one.
   */
  public static TokenCost of(double dollarsPerHour, Duration enrolled, TokenTally tokens) {
    if (enrolled.isNegative()) {
      throw new IllegalArgumentException("enrolled time must not be negative, got " + enrolled);
    }
    double hours = (enrolled.getSeconds() + enrolled.getNano() / 1e9) / SECONDS_PER_HOUR;
    return new TokenCost(dollarsPerHour * hours, tokens);
  }

  /** Dollars per million tokens (prompt and completion together); empty before any token. */
  public OptionalDouble dollarsPerMillionTokens() {
    return perMillion(tokens.total());
  }

  /** Dollars per million completion tokens; empty before any. */
  public OptionalDouble dollarsPerMillionCompletionTokens() {
    return perMillion(tokens.completion());
  }

  private OptionalDouble perMillion(long count) {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(dollars * MILLION / count);
  }

  /** Both costs together (fleet totals). */
  public TokenCost plus(TokenCost other) {
    return new TokenCost(dollars + other.dollars, tokens.plus(other.tokens));
  }
}
