package dev.vastproxy.bench.report;

/** A Markdown table written into the report: its heading and alignment lines, then a line a row. */
final class MarkdownTable {
  private final StringBuilder out;

  private MarkdownTable(StringBuilder out) {
    this.out = out;
  }

  /**
   * Starts a table with these column headings.
   *
   * @param alignment the table's second line as Markdown has it, such as {@code |---|---:|}
   */
  static MarkdownTable headed(StringBuilder out, String alignment, String... headings) {
    MarkdownTable table = new MarkdownTable(out);
    table.row((Object[]) headings);
    out.append(alignment).append('\n');
    return table;
  }

  /** Starts a two-column table of names and values, whose headings are blank. */
  static MarkdownTable namesAndValues(StringBuilder out) {
    out.append("| | |\n|---|---|\n");
    return new MarkdownTable(out);
  }

  /** One row, each cell as its {@code toString()} between pipes. */
  void row(Object... cells) {
    out.append('|');
    for (Object cell : cells) {
      out.append(' ').append(cell).append(" |");
    }
    out.append('\n');
  }
}
