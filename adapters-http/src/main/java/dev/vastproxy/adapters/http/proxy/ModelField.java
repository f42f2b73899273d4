package dev.vastproxy.adapters.http.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
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

  private ModelField() {}

  /**
   * The model a body names: the value of its last top-level {@code model} key, when that is a
   * string and the body is one well-formed JSON object.
   */
  static Optional<String> of(byte[] body, int length) {
    try (JsonParser parser = JSON.createParser(body, 0, length)) {
      return of(parser);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The model a streamed body names, read as {@link #of(byte[], int)} reads it. */
  static Optional<String> of(InputStream body) {
    try (JsonParser parser = JSON.createParser(body)) {
      return of(parser);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> of(JsonParser parser) throws IOException {
    {
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
          model =
              value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
        }
        parser.skipChildren();
      }
      // Only a whole object counts: an engine refuses a body that is cut or has trailing junk.
      return parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null
          ? model
          : Optional.empty();
    }
  }
}
