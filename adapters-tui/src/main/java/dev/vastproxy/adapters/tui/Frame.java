package dev.vastproxy.adapters.tui;

import java.util.Objects;

/**
 * One rendered screen and how its card area scrolls.
 *
 * @param grid the cells to show
 * @param scroll rows of cards scrolled past (the request, clamped to what there is)
 * @param maxScroll the largest useful scroll
 * @param viewportHeight rows of the card area, a page for paging keys
 */
public record Frame(TextGrid grid, int scroll, int maxScroll, int viewportHeight) {
  public Frame {
    Objects.requireNonNull(grid, "grid");
    if (scroll < 0 || maxScroll < 0 || viewportHeight < 0 || scroll > maxScroll) {
      throw new IllegalArgumentException(
          "bad scroll " + scroll + " of " + maxScroll + " in " + viewportHeight + " rows");
    }
  }

  /** Whether the cards are taller than their area (then a scrollbar shows). */
  public boolean overflows() {
    return maxScroll > 0;
  }
}
