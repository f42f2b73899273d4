package dev.vastproxy.adapters.vastai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one raw row of a list page on its own, so that a malformed row is skipped with its reason
 * instead of failing the whole page: raw JSON value, then the generated row type, then the domain
 * instance ({@link InstanceRowMapper}).
 */
final class InstanceRowReader {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  private static final int MAX_FIELD_TEXT = 60;

  private final ObjectMapper mapper;

  /** Reads rows with the client's object mapper (the same leniency as every other answer). */
  InstanceRowReader(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** The instance a raw row (as the page's untyped list holds it) stands for, or why none. */
  RowReading read(Object rawRow) {
    if (rawRow == null) {
      return new RowReading.Rejected(Optional.empty(), "the row is null");
    }
    JsonNode row = mapper.valueToTree(rawRow);
    dev.vastproxy.openapi.model.Instance typed;
    try {
      typed = mapper.treeToValue(row, dev.vastproxy.openapi.model.Instance.class);
    } catch (JsonProcessingException | RuntimeException e) {
      return malformed(row, e);
    }
    try {
      return new RowReading.Accepted(InstanceRowMapper.toDomain(typed));
    } catch (IllegalArgumentException e) {
      // The domain's messages name fields and numbers, never a secret.
      return new RowReading.Rejected(
          Optional.ofNullable(typed.getId()).flatMap(InstanceRowReader::idOf), e.getMessage());
    }
  }

  /** Describes what went wrong with a row: the field at fault, never a value. */
  private static RowReading.Rejected malformed(JsonNode row, Exception problem) {
    if (!row.isObject()) {
      return new RowReading.Rejected(
          Optional.empty(),
          "the row is not a JSON object but "
              + row.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    String where = field(problem);
    String what =
        where.isEmpty()
            ? "the row could not be read"
            : "field '" + where + "' has an unexpected type";
    return new RowReading.Rejected(idOf(row), what);
  }

  private static Optional<InstanceId> idOf(JsonNode row) {
    JsonNode id = row.path("id");
    String text = id.isIntegralNumber() || id.isTextual() ? id.asText().strip() : "";
    if (!DIGITS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return idOf(Long.parseLong(text));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private static Optional<InstanceId> idOf(long id) {
    return id > 0 ? Optional.of(new InstanceId(id)) : Optional.empty();
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
