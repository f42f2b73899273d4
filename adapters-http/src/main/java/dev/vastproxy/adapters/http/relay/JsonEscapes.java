package dev.vastproxy.adapters.http.relay;

import java.nio.charset.StandardCharsets;

/** Decodes the inside of a JSON string (UTF-8 bytes with backslash escapes). */
final class JsonEscapes {
  private JsonEscapes() {}

  /**
   * The text between {@code from} and {@code to}, or null when it is not a valid JSON string body
   * (a raw control character, an unknown escape, a lone surrogate).
   */
  static String decode(byte[] bytes, int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    int run = from;
    int i = from;
    while (i < to) {
      byte b = bytes[i];
      if (b >= 0 && b < 0x20) {
        return null;
      }
      if (b != '\\') {
        i++;
        continue;
      }
      text.append(new String(bytes, run, i - run, StandardCharsets.UTF_8));
      if (i + 1 >= to) {
        return null;
      }
      byte escape = bytes[i + 1];
      i += 2;
      switch (escape) {
        case '"', '\\', '/' -> text.append((char) escape);
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          int unit = hex(bytes, i, to);
          if (unit < 0) {
            return null;
          }
          text.append((char) unit);
          i += 4;
        }
        default -> {
          return null;
        }
      }
      run = i;
    }
    text.append(new String(bytes, run, to - run, StandardCharsets.UTF_8));
    return wellPaired(text) ? text.toString() : null;
  }

  private static int hex(byte[] bytes, int from, int to) {
    if (to - from < 4) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(bytes[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  /** Whether every surrogate is half of a pair. */
  private static boolean wellPaired(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
