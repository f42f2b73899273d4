package dev.vastproxy.adapters.http.admin;

import dev.vastproxy.domain.cost.TokenCost;
import java.util.OptionalDouble;

/**
 * Tokens served and what they cost, in the status JSON (per instance and for the fleet).
 *
 * @param promptTokens prompt tokens served, as engines reported them in {@code usage}
 * @param completionTokens completion tokens served, reported or estimated
 * @param estimatedTokens of those, the ones the proxy counted from stream content events because
 *     the stream carried no {@code usage} (one per event)
 * @param dollars what vast.ai billed while enrolled: {@code dph_total} over the time enrolled, idle
 *     time included
 * @param dollarsPerMillionTokens {@code dollars} per million prompt and completion tokens; null
 *     before any token
 * @param dollarsPerMillionCompletionTokens {@code dollars} per million completion tokens; null
 *     before any
 */
public record CostStatus(
    long promptTokens,
    long completionTokens,
    long estimatedTokens,
    double dollars,
    Double dollarsPerMillionTokens,
    Double dollarsPerMillionCompletionTokens) {

  /** The status of a cost. */
  public static CostStatus of(TokenCost cost) {
    return new CostStatus(
        cost.tokens().prompt(),
        cost.tokens().completion(),
        cost.tokens().promptEstimate() + cost.tokens().completionEstimate(),
        round(cost.dollars()),
        orNull(cost.dollarsPerMillionTokens()),
        orNull(cost.dollarsPerMillionCompletionTokens()));
  }

  /** Cents of cents suffice, and spare readers float noise such as 1.9200000000000002. */
  private static double round(double dollars) {
    return Math.round(dollars * 10_000) / 10_000.0;
  }

  private static Double orNull(OptionalDouble value) {
    return value.isPresent() ? round(value.getAsDouble()) : null;
  }
}
