package dev.vastproxy.adapters.tui;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.cost.TokenCost;
import dev.vastproxy.domain.cost.TokenTally;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A card's token row, once its instance has served a token: prompt and completion tokens (a {@code
 * ~} marks a count that is partly estimated from stream events), dollars per million tokens, and
 * what vast.ai billed since the instance was enrolled, idle time included.
 *
 * <pre>
 *   tok 12.3k in ~45.6k out  $1.23/Mtok  $0.42 billed
 * </pre>
 */
final class CostLine {
  private CostLine() {}

  /** Whether the card has the row: only once the instance served a token. */
  static boolean shown(Backend backend) {
    return backend.load().tokens().tally().total() > 0;
  }

  /** The row's text at {@code now}. */
  static String text(Backend backend, Instant now) {
    TokenCost cost = backend.cost(now);
    TokenTally tokens = cost.tokens();
    return "tok "
        + count(tokens.prompt())
        + " in "
        + (tokens.estimated() ? "~" : "")
        + count(tokens.completion())
        + " out  "
        + perMillion(cost.dollarsPerMillionTokens())
        + String.format(Locale.ROOT, "  $%.2f billed", cost.dollars());
  }

  /** Draws the row at {@code y}, cut to the card. */
  static void draw(TextGrid card, Backend backend, Instant now, int x, int y) {
    String text = text(backend, now);
    int room = card.width() - x;
    card.put(x, y, text.length() > room ? text.substring(0, room) : text, Style.PLAIN);
  }

  /** A token count in four or five characters: {@code 950}, {@code 12.3k}, {@code 4.1M}. */
  static String count(long tokens) {
    if (tokens < 1_000) {
      return Long.toString(tokens);
    }
    if (tokens < 1_000_000) {
      return String.format(Locale.ROOT, "%.1fk", tokens / 1e3);
    }
    if (tokens < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1fM", tokens / 1e6);
    }
    return String.format(Locale.ROOT, "%.1fB", tokens / 1e9);
  }

  /** Dollars per million tokens, as precise as is useful: {@code $0.42}, {@code $18.5}. */
  static String perMillion(OptionalDouble dollars) {
    if (dollars.isEmpty()) {
      return "$?/Mtok";
    }
    double value = dollars.getAsDouble();
    String format = value < 10 ? "$%.2f/Mtok" : value < 1_000 ? "$%.1f/Mtok" : "$%,.0f/Mtok";
    return String.format(Locale.ROOT, format, value);
  }
}
