package dev.vastproxy.adapters.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import java.util.Arrays;

/**
 * A frame of the dashboard: a rectangle of one-cell characters, each with a style. Writes outside
 * the rectangle are clipped; characters that would not take exactly one cell (control codes, wide
 * or zero-width characters, surrogates) are written as {@code ?}, so text from vast.ai or an engine
 * can neither move the columns nor send escape sequences to the terminal.
 */
public final class TextGrid {
  /** What unprintable or not-one-cell-wide characters become. */
  public static final char REPLACEMENT = '?';

  private final int width;
  private final int height;
  private final char[] characters;
  private final Style[] styles;

  /** A blank grid. */
  public TextGrid(int width, int height) {
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("grid size must not be negative: " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.characters = new char[width * height];
    this.styles = new Style[width * height];
    Arrays.fill(characters, ' ');
    Arrays.fill(styles, Style.PLAIN);
  }

  /** Columns. */
  public int width() {
    return width;
  }

  /** Rows. */
  public int height() {
    return height;
  }

  /**
   * Writes text from a cell to the right, clipped to the grid.
   *
   * @return the column after the text
   */
  public int put(int column, int row, String text, Style style) {
    int x = column;
    for (int i = 0; i < text.length(); i++, x++) {
      set(x, row, text.charAt(i), style);
    }
    return x;
  }

  /** Writes one character, clipped to the grid. */
  public void set(int column, int row, char character, Style style) {
    if (column < 0 || row < 0 || column >= width || row >= height) {
      return;
    }
    characters[row * width + column] = oneCell(character) ? character : REPLACEMENT;
    styles[row * width + column] = style;
  }

  /** Copies another grid in with its top-left cell at the given cell, clipped to this grid. */
  public void draw(TextGrid source, int column, int row) {
    for (int y = Math.max(0, -row); y < source.height && row + y < height; y++) {
      for (int x = Math.max(0, -column); x < source.width && column + x < width; x++) {
        int from = y * source.width + x;
        int to = (row + y) * width + column + x;
        characters[to] = source.characters[from];
        styles[to] = source.styles[from];
      }
    }
  }

  /** The character in a cell. */
  public char characterAt(int column, int row) {
    return characters[index(column, row)];
  }

  /** The style of a cell. */
  public Style styleAt(int column, int row) {
    return styles[index(column, row)];
  }

  /** One row's text, trailing blanks included. */
  public String row(int row) {
    return new String(characters, index(0, row), width);
  }

  /** Every row, without trailing blanks, joined by newlines: what a reader of the screen sees. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (int y = 0; y < height; y++) {
      if (y > 0) {
        text.append('\n');
      }
      text.append(row(y).stripTrailing());
    }
    return text.toString();
  }

  /** Whether a character takes exactly one cell in every terminal we expect. */
  static boolean oneCell(char c) {
    if (c < ' ' || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) {
      return false;
    }
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || type == Character.UNASSIGNED
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR) {
      return false;
    }
    return !TerminalTextUtils.isCharDoubleWidth(c);
  }

  private int index(int column, int row) {
    if (column < 0 || row < 0 || column >= width || row >= height) {
      throw new IndexOutOfBoundsException(
          "cell " + column + "," + row + " is outside " + width + "x" + height);
    }
    return row * width + column;
  }
}
