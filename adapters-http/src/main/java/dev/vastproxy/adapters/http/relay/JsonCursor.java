package dev.vastproxy.adapters.http.relay;

/**
 * A position in a JSON text held as bytes, with the few moves the quick scans need: skip white
 * space, a value, a string; read a plain key. It never builds anything, and its answers are about
 * bytes, not validity: a scan that meets something it cannot place gives up and a real parser
 * decides.
 */
final class JsonCursor {
  private byte[] bytes;
  private int end;
  private int at;
  private int keyStart;
  private int keyLength;

  JsonCursor(byte[] bytes, int from, int to) {
    reset(bytes, from, to);
  }

  /** Points the cursor at another text, so that one cursor serves many. */
  void reset(byte[] text, int from, int to) {
    this.bytes = text;
    this.at = from;
    this.end = to;
    this.keyStart = 0;
    this.keyLength = 0;
  }

  byte[] bytes() {
    return bytes;
  }

  int at() {
    return at;
  }

  void moveTo(int position) {
    at = position;
  }

  /** Skips white space, then whether the next byte is {@code c}. */
  boolean peek(char c) {
    skipSpace();
    return at < end && bytes[at] == c;
  }

  /** Skips white space, then steps over {@code c} when it is next. */
  boolean take(char c) {
    if (peek(c)) {
      at++;
      return true;
    }
    return false;
  }

  /**
   * Reads a key of plain printable ASCII and the colon after it, leaving the cursor on its value;
   * false for anything else.
   */
  boolean key() {
    if (!peek('"')) {
      return false;
    }
    int keyEnd = plainStringEnd(at + 1);
    if (keyEnd < 0) {
      return false;
    }
    keyStart = at + 1;
    keyLength = keyEnd - keyStart;
    at = keyEnd + 1;
    if (!take(':')) {
      return false;
    }
    skipSpace();
    return true;
  }

  /** Whether the key just read is {@code text} (ASCII). */
  boolean keyIs(byte[] text) {
    if (keyLength != text.length) {
      return false;
    }
    for (int i = 0; i < text.length; i++) {
      if (bytes[keyStart + i] != text[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index of the closing quote of a string of plain printable ASCII from {@code from}, or -1.
   */
  int plainStringEnd(int from) {
    for (int i = from; i < end; i++) {
      byte b = bytes[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\' || b < 0x20) {
        // Escapes, controls and (as negative bytes) non-ASCII.
        return -1;
      }
    }
    return -1;
  }

  /** Whether the value here is the literal {@code null}; steps over it when it is. */
  boolean takeNull() {
    if (end - at >= 4
        && bytes[at] == 'n'
        && bytes[at + 1] == 'u'
        && bytes[at + 2] == 'l'
        && bytes[at + 3] == 'l'
        && (end - at == 4 || endsScalar(bytes[at + 4]))) {
      at += 4;
      return true;
    }
    return false;
  }

  /** A run of decimal digits here (a plain non-negative number), or -1 for any other value. */
  long digits() {
    long value = 0;
    int start = at;
    while (at < end && bytes[at] >= '0' && bytes[at] <= '9' && at - start < 18) {
      value = value * 10 + (bytes[at] - '0');
      at++;
    }
    return at > start && (at == end || endsScalar(bytes[at])) ? value : -1;
  }

  /** Steps over the value here; false when it does not end within the text. */
  boolean skipValue() {
    skipSpace();
    if (at >= end) {
      return false;
    }
    byte first = bytes[at];
    if (first == '"') {
      return skipString();
    }
    if (first == '{' || first == '[') {
      return skipNested();
    }
    int start = at;
    while (at < end && !endsScalar(bytes[at])) {
      at++;
    }
    return at > start;
  }

  /** Steps over the string starting here (at its opening quote). */
  boolean skipString() {
    for (int i = at + 1; i < end; i++) {
      byte b = bytes[i];
      if (b == '\\') {
        i++;
      } else if (b == '"') {
        at = i + 1;
        return true;
      }
    }
    return false;
  }

  private boolean skipNested() {
    int depth = 0;
    while (at < end) {
      byte b = bytes[at];
      if (b == '"') {
        if (!skipString()) {
          return false;
        }
        continue;
      }
      if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
        if (depth == 0) {
          at++;
          return true;
        }
      }
      at++;
    }
    return false;
  }

  private static boolean endsScalar(byte b) {
    return b == ',' || b == '}' || b == ']' || isSpace(b);
  }

  void skipSpace() {
    while (at < end && isSpace(bytes[at])) {
      at++;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
