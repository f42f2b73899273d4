package dev.vastproxy.adapters.http.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the top-level {@code model} field of a JSON request body without building a tree, reading
 * it as the engines will: vLLM and SGLang parse with Python's {@code json}, where the last of
 * duplicate keys wins, so the last {@code model} decides here too.
 */
final class ModelField {
  /** Prompts can hold strings beyond Jackson's default 20 M-character limit. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private static final byte[] KEY = "\"model\"".getBytes(StandardCharsets.US_ASCII);

  private ModelField() {}

  /**
   * The model a body names: the value of its last top-level {@code model} key, when that is a
   * string (a body that may repeat the key must also be one well-formed JSON object).
   */
  static Optional<String> of(byte[] body, int length) {
    // A body that holds the key once (nearly every body) is read only up to it: a 10 MiB prompt
    // after the model is then never tokenized. Only a body that may repeat the key is read whole.
    int occurrences = occurrences(body, length);
    if (occurrences == 1) {
      QuickModelScan scan = new QuickModelScan(body, length);
      switch (scan.run()) {
        case MODEL:
          return Optional.of(scan.model());
        case NO_MODEL:
          return Optional.empty();
        case UNSURE:
          break;
      }
    }
    boolean once = occurrences <= 1;
    try (JsonParser parser = JSON.createParser(body, 0, length)) {
      return of(parser, once);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * How far the search may move on when the key's last byte would fall on a given byte (Horspool):
   * most bytes of a body are not in the key, so most steps skip the key's length.
   */
  private static final int[] SKIP = new int[256];

  static {
    Arrays.fill(SKIP, KEY.length);
    for (int i = 0; i < KEY.length - 1; i++) {
      SKIP[KEY[i] & 0xff] = KEY.length - 1 - i;
    }
  }

  /** How many times {@code "model"} occurs in the body's bytes, counting to two at most. */
  static int occurrences(byte[] body, int length) {
    int found = 0;
    int last = KEY.length - 1;
    for (int at = 0; at + last < length && found < 2; at += SKIP[body[at + last] & 0xff]) {
      if (keyAt(body, at)) {
        found++;
      }
    }
    return found;
  }

  private static boolean keyAt(byte[] body, int at) {
    for (int i = KEY.length - 1; i >= 0; i--) {
      if (body[at + i] != KEY[i]) {
        return false;
      }
    }
    return true;
  }

  /** The model a streamed body names, read as {@link #of(byte[], int)} reads it. */
  static Optional<String> of(InputStream body) {
    try (JsonParser parser = JSON.createParser(body)) {
      return of(parser, false);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> of(JsonParser parser, boolean firstWins) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return Optional.empty();
    }
    Optional<String> model = Optional.empty();
    for (JsonToken token = parser.nextToken();
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      boolean isModel = "model".equals(parser.currentName());
      JsonToken value = parser.nextToken();
      if (isModel) {
        model = value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
        if (firstWins) {
          return model;
        }
      }
      parser.skipChildren();
    }
    // Only a whole object counts: an engine refuses a body that is cut or has trailing junk.
    return parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null
        ? model
        : Optional.empty();
  }
}
