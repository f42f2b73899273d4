package dev.vastproxy.domain.instance;

import java.util.Optional;

/** A vast.ai instance (contract) id: a positive number. */
public record InstanceId(long value) implements Comparable<InstanceId> {

  /** The largest number of digits a positive {@code long} can have. */
  private static final int MAX_DIGITS = 19;

  public InstanceId {
    if (value <= 0) {
      throw new IllegalArgumentException("instance id must be positive, got " + value);
    }
  }

  /** Reads an id from text such as a header value; anything that is not an id gives empty. */
  public static Optional<InstanceId> parse(CharSequence text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.toString().strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_DIGITS) {
      return Optional.empty();
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    try {
      long value = Long.parseLong(trimmed);
      return value > 0 ? Optional.of(new InstanceId(value)) : Optional.empty();
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  // Written out: ids key the maps every request looks in, and a record's generated equals and
  // hashCode go through method handles that showed in the proxy's saturation profile.
  @Override
  public boolean equals(Object other) {
    return other instanceof InstanceId id && id.value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public int compareTo(InstanceId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
