package dev.vastproxy.domain.instance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** A credential (API key, instance token) whose text is never printed by {@link #toString()}. */
public final class Secret {
  private static final Secret EMPTY = new Secret("");
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a credential; {@code null} or blank text gives the empty secret. */
  public static Secret of(String value) {
    return value == null || value.isBlank() ? EMPTY : new Secret(value.strip());
  }

  /** The secret that holds nothing. */
  public static Secret empty() {
    return EMPTY;
  }

  /** The credential's text, for the one place that must send it. */
  public String reveal() {
    return value;
  }

  /** Whether there is no credential. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** Compares with a candidate in time independent of where they differ. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && matches(secret.value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return isEmpty() ? "Secret[none]" : "Secret[redacted]";
  }
}
