package dev.vastproxy.domain.instance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The environment variables of an instance (vast.ai's {@code extra_env}, read by its adapter).
 *
 * <p>Keys that are empty or start with {@code -} are Docker options such as {@code -p 8000:8000},
 * not variables, and are dropped. Values can hold secrets (HF_TOKEN…), so {@link #toString()} shows
 * names only.
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
   * These variables and one more (it replaces one of the same name); a Docker option is dropped.
   */
  public ExtraEnv with(String name, String value) {
    Map<String, String> kept = new LinkedHashMap<>(variables);
    put(kept, name, value);
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

  private static void put(Map<String, String> into, String name, String value) {
    Objects.requireNonNull(value, "value");
    if (isVariableName(name)) {
      into.put(name.strip(), value);
    }
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
