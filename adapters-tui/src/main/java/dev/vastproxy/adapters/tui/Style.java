package dev.vastproxy.adapters.tui;

import java.util.Objects;

/**
 * How a cell looks.
 *
 * @param foreground the text colour
 * @param background the cell colour
 * @param bold whether the text is bold
 */
public record Style(Colour foreground, Colour background, boolean bold) {
  /** The terminal's own colours. */
  public static final Style PLAIN = new Style(Colour.DEFAULT, Colour.DEFAULT, false);

  public Style {
    Objects.requireNonNull(foreground, "foreground");
    Objects.requireNonNull(background, "background");
  }

  /** Text in a colour on the terminal's background. */
  public static Style of(Colour foreground) {
    return new Style(foreground, Colour.DEFAULT, false);
  }

  /** Bold text in a colour on the terminal's background. */
  public static Style bold(Colour foreground) {
    return new Style(foreground, Colour.DEFAULT, true);
  }
}
