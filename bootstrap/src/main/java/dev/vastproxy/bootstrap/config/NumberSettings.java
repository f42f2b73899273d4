package dev.vastproxy.bootstrap.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the settings that are counts and sizes, each bad value one line naming the fix. */
final class NumberSettings {
  /** A byte size: a whole number, optionally followed by KiB, MiB or GiB. */
  private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*((?i:kib|mib|gib)?)");

  private NumberSettings() {}

  static int stickyLimit(String text) throws ConfigException {
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        "VASTPROXY_STICKY_LIMIT=" + text + " is not a whole number of requests of at least 1");
  }

  static long bodyMemory(String text) throws ConfigException {
    Matcher size = SIZE.matcher(text.strip());
    if (size.matches()) {
      try {
        long bytes =
            Math.multiplyExact(
                Long.parseLong(size.group(1)),
                switch (size.group(2).toLowerCase(Locale.ROOT)) {
                  case "kib" -> 1L << 10;
                  case "mib" -> 1L << 20;
                  case "gib" -> 1L << 30;
                  default -> 1L;
                });
        if (bytes >= 1L << 20) {
          return bytes;
        }
      } catch (ArithmeticException | NumberFormatException e) {
        // reported below
      }
    }
    throw new ConfigException(
        "VASTPROXY_BODY_MEMORY="
            + text
            + " is not a size of at least 1MiB (write it like 256MiB, 1GiB or 268435456)");
  }

  static int count(Setting setting, String text) throws ConfigException {
    try {
      int count = Integer.parseInt(text.strip());
      if (count >= 0 && count <= 10) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        setting.envVar() + "=" + text + " is not a whole number from 0 to 10");
  }

  /** A whole number from 0 to {@code max}. */
  static int upTo(Setting setting, String text, int max) throws ConfigException {
    try {
      int count = Integer.parseInt(text.strip());
      if (count >= 0 && count <= max) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        setting.envVar() + "=" + text + " is not a whole number from 0 to " + max);
  }
}
