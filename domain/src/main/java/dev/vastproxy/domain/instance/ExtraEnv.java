package dev.vastproxy.domain.instance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment variables of an instance, normalised from vast.ai's {@code extra_env}.
 *
 * <p>vast.ai sends a list of {@code [key, value]} pairs; tools that went through its CLI send an
 * object. Pairs whose key is empty or starts with {@code -} are Docker options such as {@code -p
 * 8000:8000}, not variables, and are dropped. Values can hold secrets (HF_TOKEN…), so {@link
 * #toString()} shows names only.
 */
public final class ExtraEnv {
  private static final ExtraEnv EMPTY = new ExtraEnv(Map.of());
  private final Map<String, String> variables;

  private ExtraEnv(Map<String, String> variables) {
    this.variables = variables;
  }

  /** No variables. */
  public static ExtraEnv empty() {
    return EMPTY;
  }

  /** Variables from a plain map; Docker options and blank keys are dropped. */
  public static ExtraEnv of(Map<String, String> variables) {
    Map<String, String> kept = new LinkedHashMap<>();
    variables.forEach((key, value) -> put(kept, key, value));
    return wrap(kept);
  }

  /**
   * Variables from the wire form: a list of pairs, an object, or {@code null}. Entries of any other
   * shape are ignored, as is a value of any other type.
   */
  public static ExtraEnv fromWire(Object raw) {
    Map<String, String> kept = new LinkedHashMap<>();
    if (raw instanceof List<?> pairs) {
      for (Object pair : pairs) {
        if (pair instanceof List<?> entry && entry.size() >= 2) {
          put(kept, entry.get(0), entry.get(1));
        }
      }
    } else if (raw instanceof Map<?, ?> object) {
      object.forEach((key, value) -> put(kept, key, value));
    }
    return wrap(kept);
  }

  /** Whether a key names a variable rather than a Docker option. */
  public static boolean isVariableName(String key) {
    return key != null && !key.isBlank() && !key.strip().startsWith("-");
  }

  /** The value of a variable. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  /** Whether the variable is set (to any value). */
  public boolean contains(String name) {
    return variables.containsKey(name);
  }

  /** The variable names, in wire order. */
  public Set<String> names() {
    return variables.keySet();
  }

  private static void put(Map<String, String> into, Object key, Object value) {
    if (!(key instanceof String name) || !isVariableName(name)) {
      return;
    }
    into.put(name.strip(), value == null ? "" : String.valueOf(value));
  }

  private static ExtraEnv wrap(Map<String, String> kept) {
    return kept.isEmpty() ? EMPTY : new ExtraEnv(Collections.unmodifiableMap(kept));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExtraEnv env && variables.equals(env.variables);
  }

  @Override
  public int hashCode() {
    return variables.hashCode();
  }

  @Override
  public String toString() {
    return "ExtraEnv" + variables.keySet();
  }
}
