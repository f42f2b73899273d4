package dev.vastproxy.adapters.tui;

import java.time.Instant;
import java.util.Objects;

/**
 * A line shown above the footer for a while, such as the result of an action.
 *
 * @param text what to say
 * @param failure whether something went wrong (shown red, else green)
 * @param until when it goes away
 */
public record Notice(String text, boolean failure, Instant until) {
  public Notice {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(until, "until");
  }
}
