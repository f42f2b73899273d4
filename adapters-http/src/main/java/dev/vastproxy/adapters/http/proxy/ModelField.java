package dev.vastproxy.adapters.http.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Optional;

/** Finds the top-level {@code model} field of a JSON request body without building a tree. */
final class ModelField {
  /** Prompts can hold strings beyond Jackson's default 20 M-character limit. */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private ModelField() {}

  /** The model a body names, if it is a JSON object with a string {@code model} field. */
  static Optional<String> of(byte[] body, int length) {
    try (JsonParser parser = JSON.createParser(body, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      for (JsonToken token = parser.nextToken();
          token == JsonToken.FIELD_NAME;
          token = parser.nextToken()) {
        boolean isModel = "model".equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (isModel) {
          return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
