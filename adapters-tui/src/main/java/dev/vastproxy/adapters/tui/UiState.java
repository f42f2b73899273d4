package dev.vastproxy.adapters.tui;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user did to the dashboard: where the cards are scrolled to, the question being asked,
 * the action under way and the last notice.
 *
 * @param scroll rows of cards scrolled past
 * @param prompt the question in the footer
 * @param activity the action under way, e.g. {@code destroying 7 instances...}
 * @param notice the last result, while it is shown
 */
public record UiState(
    int scroll, Prompt prompt, Optional<String> activity, Optional<Notice> notice) {
  /** The dashboard as it starts. */
  public static final UiState INITIAL =
      new UiState(0, Prompt.NONE, Optional.empty(), Optional.empty());

  public UiState {
    if (scroll < 0) {
      throw new IllegalArgumentException("scroll must not be negative, got " + scroll);
    }
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(notice, "notice");
  }

  /** Scrolled to another row. */
  public UiState withScroll(int newScroll) {
    return new UiState(Math.max(0, newScroll), prompt, activity, notice);
  }

  /** Asking another question. */
  public UiState withPrompt(Prompt newPrompt) {
    return new UiState(scroll, newPrompt, activity, notice);
  }

  /** With an action under way, or none. */
  public UiState withActivity(Optional<String> newActivity) {
    return new UiState(scroll, prompt, newActivity, notice);
  }

  /** Showing a notice. */
  public UiState withNotice(Notice newNotice) {
    return new UiState(scroll, prompt, activity, Optional.of(newNotice));
  }

  /** The same state, less a notice whose time is up. */
  public UiState at(Instant now) {
    if (notice.isPresent() && !notice.get().until().isAfter(now)) {
      return new UiState(scroll, prompt, activity, Optional.empty());
    }
    return this;
  }

  /** Whether an action is under way. */
  public boolean busy() {
    return activity.isPresent();
  }
}
