package dev.vastproxy.adapters.http.proxy;

import java.nio.charset.StandardCharsets;

/**
 * Finds the first top-level {@code model} of a JSON body by walking its bytes, allocating nothing
 * but the model's name: the common body (an object whose keys and model name are plain ASCII) is
 * read without a JSON parser. It answers {@link Verdict#UNSURE} for anything out of the ordinary —
 * escapes in a key or in the model, non-ASCII, a body that is not an object, bytes it cannot place
 * — and {@link ModelField} then asks a real parser. Values before the model are skipped, not
 * validated: an engine refuses a malformed body whichever backend it reaches.
 */
final class QuickModelScan {
  /** What the scan found. */
  enum Verdict {
    /** A top-level {@code model} whose value is a plain string: {@link #model()}. */
    MODEL,
    /** No top-level {@code model}, or one whose value is not a string. */
    NO_MODEL,
    /** Out of the ordinary: let a parser decide. */
    UNSURE
  }

  private static final byte[] KEY = {'m', 'o', 'd', 'e', 'l'};

  private final byte[] body;
  private final int end;
  private int at;
  private String model = "";

  QuickModelScan(byte[] body, int length) {
    this.body = body;
    this.end = length;
  }

  /** The model found, once {@link #run()} answered {@link Verdict#MODEL}. */
  String model() {
    return model;
  }

  /** Walks the body's top-level keys up to the first {@code model}. */
  Verdict run() {
    skipSpace();
    if (!take('{')) {
      return Verdict.UNSURE;
    }
    skipSpace();
    if (take('}')) {
      return Verdict.NO_MODEL;
    }
    while (true) {
      skipSpace();
      if (!peek('"')) {
        return Verdict.UNSURE;
      }
      int keyStart = at + 1;
      int keyEnd = plainStringEnd(keyStart);
      if (keyEnd < 0) {
        return Verdict.UNSURE;
      }
      at = keyEnd + 1;
      skipSpace();
      if (!take(':')) {
        return Verdict.UNSURE;
      }
      skipSpace();
      if (isModel(keyStart, keyEnd)) {
        return modelValue();
      }
      if (!skipValue()) {
        return Verdict.UNSURE;
      }
      skipSpace();
      if (!take(',')) {
        return take('}') ? Verdict.NO_MODEL : Verdict.UNSURE;
      }
    }
  }

  private Verdict modelValue() {
    if (at >= end) {
      return Verdict.UNSURE;
    }
    if (body[at] != '"') {
      // A number, object, array or literal: not a model name, as the parser would also say.
      return Verdict.NO_MODEL;
    }
    int valueEnd = plainStringEnd(at + 1);
    if (valueEnd < 0) {
      return Verdict.UNSURE;
    }
    model = new String(body, at + 1, valueEnd - at - 1, StandardCharsets.US_ASCII);
    return Verdict.MODEL;
  }

  /** The index of the closing quote of a string of plain printable ASCII, or -1. */
  private int plainStringEnd(int from) {
    for (int i = from; i < end; i++) {
      byte b = body[i];
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

  private boolean isModel(int keyStart, int keyEnd) {
    if (keyEnd - keyStart != KEY.length) {
      return false;
    }
    for (int i = 0; i < KEY.length; i++) {
      if (body[keyStart + i] != KEY[i]) {
        return false;
      }
    }
    return true;
  }

  private boolean skipValue() {
    if (at >= end) {
      return false;
    }
    byte first = body[at];
    if (first == '"') {
      return skipString();
    }
    if (first == '{' || first == '[') {
      return skipNested();
    }
    int start = at;
    while (at < end && !endsScalar(body[at])) {
      at++;
    }
    return at > start;
  }

  private boolean skipNested() {
    int depth = 0;
    while (at < end) {
      byte b = body[at];
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

  private boolean skipString() {
    for (int i = at + 1; i < end; i++) {
      byte b = body[i];
      if (b == '\\') {
        i++;
      } else if (b == '"') {
        at = i + 1;
        return true;
      }
    }
    return false;
  }

  private static boolean endsScalar(byte b) {
    return b == ',' || b == '}' || b == ']' || isSpace(b);
  }

  private void skipSpace() {
    while (at < end && isSpace(body[at])) {
      at++;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private boolean peek(char c) {
    return at < end && body[at] == c;
  }

  private boolean take(char c) {
    if (peek(c)) {
      at++;
      return true;
    }
    return false;
  }
}
