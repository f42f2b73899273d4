package dev.vastproxy.adapters.vastai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.vastproxy.openapi.model.Instance;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Jackson module that reads each instance row on its own: a row that does not fit the generated
 * type becomes a {@link MalformedInstanceRow} instead of failing the whole page.
 */
final class TolerantInstanceRows extends SimpleModule {
  private static final long serialVersionUID = 1L;
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  private static final int MAX_FIELD_TEXT = 60;

  TolerantInstanceRows() {
    super("vastproxy-tolerant-instance-rows");
    setDeserializerModifier(new RowModifier());
  }

  /** Wraps the generated row type's deserializer, and no other. */
  private static final class RowModifier extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config,
        BeanDescription description,
        JsonDeserializer<?> deserializer) {
      return description.getBeanClass() == Instance.class
          ? new RowDeserializer(deserializer)
          : deserializer;
    }
  }

  /** Buffers one row as a tree, then lets the generated deserializer read it, catching failure. */
  private static final class RowDeserializer extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    RowDeserializer(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new RowDeserializer(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode row = context.readTree(parser);
      try (JsonParser rowParser = row.traverse(parser.getCodec())) {
        rowParser.nextToken();
        return _delegatee.deserialize(rowParser, context);
      } catch (JsonProcessingException | RuntimeException e) {
        return malformed(row, e);
      }
    }
  }

  /** Describes what went wrong with a row: the field at fault, never a value. */
  static MalformedInstanceRow malformed(JsonNode row, Exception problem) {
    if (!row.isObject()) {
      return new MalformedInstanceRow(
          Optional.empty(),
          "the row is not a JSON object but "
              + row.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    String where = field(problem);
    String what =
        where.isEmpty()
            ? "the row could not be read"
            : "field '" + where + "' has an unexpected type";
    return new MalformedInstanceRow(idOf(row), what);
  }

  private static Optional<Long> idOf(JsonNode row) {
    JsonNode id = row.path("id");
    String text = id.isIntegralNumber() || id.isTextual() ? id.asText().strip() : "";
    if (!DIGITS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private static String field(Exception problem) {
    if (!(problem instanceof JsonMappingException mapping)) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : mapping.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() > MAX_FIELD_TEXT
        ? path.substring(0, MAX_FIELD_TEXT) + "…"
        : path.toString();
  }
}
