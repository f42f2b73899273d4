package dev.vastproxy.adapters.vastai;

import dev.vastproxy.domain.instance.ExtraEnv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads vast.ai's {@code extra_env}: a list of {@code [key, value]} pairs, or an object (tools that
 * went through its CLI send one), or {@code null}. Entries of any other shape are ignored, as is a
 * value of any other type; Docker options such as {@code -p 8000:8000} are dropped by {@link
 * ExtraEnv}.
 */
final class ExtraEnvReader {
  private ExtraEnvReader() {}

  /** The environment a raw {@code extra_env} value names (as Jackson reads an untyped value). */
  static ExtraEnv read(Object raw) {
    Map<String, String> variables = new LinkedHashMap<>();
    if (raw instanceof List<?> pairs) {
      for (Object pair : pairs) {
        if (pair instanceof List<?> entry && entry.size() >= 2) {
          put(variables, entry.get(0), entry.get(1));
        }
      }
    } else if (raw instanceof Map<?, ?> object) {
      object.forEach((key, value) -> put(variables, key, value));
    }
    return ExtraEnv.of(variables);
  }

  private static void put(Map<String, String> into, Object key, Object value) {
    if (key instanceof String name && ExtraEnv.isVariableName(name)) {
      into.put(name.strip(), value == null ? "" : String.valueOf(value));
    }
  }
}
