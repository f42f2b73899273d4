package dev.vastproxy.application.port.in;

import java.util.Locale;
import java.util.Optional;

/** What the idle guard does with an instance that served no request for the idle time. */
public enum IdleAction {
  /** Nothing: the countdown is shown, the instance keeps running (and costing). */
  NONE,
  /** Stops it: GPU billing stops, disk billing goes on; the next request for its model wakes it. */
  STOP,
  /** Destroys it: all billing stops, irreversibly. */
  DESTROY;

  /** The setting's word: {@code none}, {@code stop}, {@code destroy}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action a setting's word names. */
  public static Optional<IdleAction> named(String text) {
    for (IdleAction action : values()) {
      if (action.text().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
