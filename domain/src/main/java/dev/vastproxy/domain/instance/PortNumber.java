package dev.vastproxy.domain.instance;

import java.util.OptionalInt;

/** Rules for TCP port numbers: only 1 to 65535 are ports; anything else is rejected. */
public final class PortNumber {
  /** The lowest usable port. */
  public static final int MIN = 1;

  /** The highest usable port. */
  public static final int MAX = 65_535;

  private PortNumber() {}

  /** Whether the number is a usable port. */
  public static boolean isValid(long port) {
    return port >= MIN && port <= MAX;
  }

  /** Reads a port from decimal text, trimmed; anything else, or out of range, gives empty. */
  public static OptionalInt parse(String text) {
    if (text == null) {
      return OptionalInt.empty();
    }
    String digits = text.strip();
    if (digits.isEmpty() || digits.length() > 5) {
      return OptionalInt.empty();
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalInt.empty();
      }
    }
    int port = Integer.parseInt(digits);
    return isValid(port) ? OptionalInt.of(port) : OptionalInt.empty();
  }

  /** Throws unless the number is a usable port. */
  public static int require(int port, String what) {
    if (!isValid(port)) {
      throw new IllegalArgumentException(what + " must be 1-65535, got " + port);
    }
    return port;
  }
}
