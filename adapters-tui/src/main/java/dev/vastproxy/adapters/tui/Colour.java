package dev.vastproxy.adapters.tui;

import com.googlecode.lanterna.TextColor;

/** The few colours the dashboard paints with, and the terminal colour each one is. */
public enum Colour {
  /** The terminal's own foreground or background. */
  DEFAULT(TextColor.ANSI.DEFAULT),
  /** Healthy states, healthy dots, light GPU load. */
  GREEN(TextColor.ANSI.GREEN_BRIGHT),
  /** Medium GPU load, backends on their way up. */
  YELLOW(TextColor.ANSI.YELLOW_BRIGHT),
  /** Unhealthy states, heavy GPU load, failures. */
  RED(TextColor.ANSI.RED_BRIGHT),
  /** Backends on their way out (xterm-256 colour 208: 16-colour ANSI has no orange). */
  ORANGE(new TextColor.Indexed(208)),
  /** The header. */
  BLUE(TextColor.ANSI.BLUE_BRIGHT),
  /** Secondary text: times, empty bar cells, the scrollbar track. */
  GREY(TextColor.ANSI.BLACK_BRIGHT);

  private final TextColor terminalColour;

  Colour(TextColor terminalColour) {
    this.terminalColour = terminalColour;
  }

  /** The Lanterna colour to send to the terminal. */
  public TextColor terminalColour() {
    return terminalColour;
  }
}
