package dev.vastproxy.adapters.tui;

import dev.vastproxy.domain.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Where each card goes: left to right, wrapped to the width with a two-column gap, rows as tall as
 * their tallest card and one blank row apart. Positions are relative to the card area, before
 * scrolling.
 *
 * @param placements one per card, in reading order
 * @param height rows from the top of the first card row to the bottom of the last
 */
public record CardLayout(List<Placement> placements, int height) {
  /** Blank columns left of the first card. */
  public static final int MARGIN = 2;

  /** Blank columns between cards. */
  public static final int GAP = 2;

  /** Columns kept free at the right for the scrollbar. */
  public static final int SCROLLBAR = 1;

  public CardLayout {
    placements = List.copyOf(placements);
  }

  /**
   * A card at a place.
   *
   * @param backend what the card shows
   * @param column its left column
   * @param row its top row
   */
  public record Placement(Backend backend, int column, int row) {
    public Placement {
      Objects.requireNonNull(backend, "backend");
    }
  }

  /** Cards per row at a width; at least one, clipped when even one does not fit. */
  public static int columns(int width) {
    int usable = width - MARGIN - SCROLLBAR + GAP;
    return Math.max(1, usable / (CardRenderer.WIDTH + GAP));
  }

  /** Lays out the cards for a terminal width. */
  public static CardLayout of(List<Backend> backends, int width) {
    return of(backends, width, CardRenderer::height);
  }

  /** Lays out cards whose heights the given function tells. */
  public static CardLayout of(List<Backend> backends, int width, ToIntFunction<Backend> heights) {
    int columns = columns(width);
    List<Placement> placements = new ArrayList<>();
    int top = 0;
    for (int first = 0; first < backends.size(); first += columns) {
      int rowHeight = 0;
      for (int i = first; i < Math.min(first + columns, backends.size()); i++) {
        Backend backend = backends.get(i);
        placements.add(
            new Placement(backend, MARGIN + (i - first) * (CardRenderer.WIDTH + GAP), top));
        rowHeight = Math.max(rowHeight, heights.applyAsInt(backend));
      }
      top += rowHeight + 1;
    }
    return new CardLayout(placements, Math.max(0, top - 1));
  }
}
