package dev.vastproxy.domain.instance;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What vast.ai says of a rental beyond its container: the image, the state the user asked for, the
 * contract's state and when the contract ends. Status texts are open strings (vast.ai adds values),
 * trimmed and lower-cased; empty when unknown.
 *
 * @param image the Docker image, e.g. {@code vastai/vllm:v0.16.0-cuda-12.9}; empty when unknown
 * @param intendedStatus the state the owner asked for: {@code running}, {@code stopped}…
 * @param curState the contract's state: {@code running}, {@code stopped}, {@code unloaded}
 * @param endDate when the contract ends, if vast.ai says
 */
public record Rental(
    String image, String intendedStatus, String curState, Optional<Instant> endDate) {
  private static final Rental UNKNOWN = new Rental("", "", "", Optional.empty());

  public Rental {
    Objects.requireNonNull(image, "image");
    requireLower(intendedStatus, "intendedStatus");
    requireLower(curState, "curState");
    Objects.requireNonNull(endDate, "endDate");
    if (!image.equals(image.strip())) {
      throw new IllegalArgumentException("image must be trimmed text");
    }
  }

  /** Nothing known. */
  public static Rental unknown() {
    return UNKNOWN;
  }

  /** The same rental with another image. */
  public Rental withImage(String value) {
    return new Rental(value, intendedStatus, curState, endDate);
  }

  /** The same rental with other states. */
  public Rental withStates(String intended, String contract) {
    return new Rental(image, intended, contract, endDate);
  }

  /** The same rental ending at another time. */
  public Rental withEndDate(Instant value) {
    return new Rental(image, intendedStatus, curState, Optional.of(value));
  }

  private static void requireLower(String text, String what) {
    Objects.requireNonNull(text, what);
    if (!text.equals(text.strip().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(what + " must be trimmed lower-case text");
    }
  }
}
