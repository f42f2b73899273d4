package dev.vastproxy.bootstrap.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}. */
final class DurationSetting {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private DurationSetting() {}

  /**
   * The duration the text names; a bare number is seconds.
   *
   * @throws IllegalArgumentException when it is not one
   */
  static Duration parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith("pt")) {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    }
    Matcher matcher = FORM.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration");
    }
    double amount = Double.parseDouble(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    double millis;
    switch (unit) {
      case "ms":
        millis = amount;
        break;
      case "m":
        millis = amount * 60_000;
        break;
      case "h":
        millis = amount * 3_600_000;
        break;
      default:
        millis = amount * 1_000;
    }
    return Duration.ofMillis(Math.round(millis));
  }
}
