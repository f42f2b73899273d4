package dev.vastproxy.adapters.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The admin API's JSON: snake_case field names, nulls written out for unknown values. */
final class AdminJson {
  /** Shared, thread-safe once configured. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private AdminJson() {}

  /** Serialises one of the admin API's records. */
  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      // The records hold plain strings, numbers and lists: this cannot happen.
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
