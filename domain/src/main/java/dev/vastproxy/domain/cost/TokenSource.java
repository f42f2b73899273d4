package dev.vastproxy.domain.cost;

import java.util.Locale;

/** Where a token count comes from: the engine's own {@code usage}, or the proxy's estimate. */
public enum TokenSource {
  /** The engine's {@code usage} object: exact. */
  USAGE,
  /** Counted by the proxy from a stream's content events, one token each: an estimate. */
  ESTIMATE;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The lower-case name, fit for a metric label. */
  public String label() {
    return label;
  }
}
