package dev.vastproxy.adapters.tui;

import java.time.Duration;

/** Writes how long a backend has been in its state the way the dashboard shows it. */
public final class ElapsedText {
  private ElapsedText() {}

  /** {@code 45s}, {@code 3m25s}, {@code 2h05m}; hours keep counting past a day. */
  public static String format(Duration elapsed) {
    long seconds = Math.max(0, elapsed.getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m" + String.format("%02d", seconds % 60) + "s";
    }
    return minutes / 60 + "h" + String.format("%02d", minutes % 60) + "m";
  }
}
