package dev.vastproxy.adapters.http.relay;

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

  private final JsonCursor cursor;
  private String model = "";

  QuickModelScan(byte[] body, int length) {
    this.cursor = new JsonCursor(body, 0, length);
  }

  /** The model found, once {@link #run()} answered {@link Verdict#MODEL}. */
  String model() {
    return model;
  }

  /** Walks the body's top-level keys up to the first {@code model}. */
  Verdict run() {
    if (!cursor.take('{')) {
      return Verdict.UNSURE;
    }
    if (cursor.take('}')) {
      return Verdict.NO_MODEL;
    }
    while (true) {
      if (!cursor.key()) {
        return Verdict.UNSURE;
      }
      if (cursor.keyIs(KEY)) {
        return modelValue();
      }
      if (!cursor.skipValue()) {
        return Verdict.UNSURE;
      }
      if (!cursor.take(',')) {
        return cursor.take('}') ? Verdict.NO_MODEL : Verdict.UNSURE;
      }
    }
  }

  private Verdict modelValue() {
    if (!cursor.peek('"')) {
      // A number, object, array or literal is not a model name, as the parser would also say;
      // nothing at all is a cut body.
      return cursor.skipValue() ? Verdict.NO_MODEL : Verdict.UNSURE;
    }
    int start = cursor.at() + 1;
    int valueEnd = cursor.plainStringEnd(start);
    if (valueEnd < 0) {
      return Verdict.UNSURE;
    }
    model = new String(cursor.bytes(), start, valueEnd - start, StandardCharsets.US_ASCII);
    return Verdict.MODEL;
  }
}
