package dev.vastproxy.bench.report;

/** One {@code ##} section of the report: its title and text, left out when there is nothing. */
abstract class ReportSection extends ReportText {
  private final String title;

  ReportSection(ReportText document, String title) {
    super(document);
    this.title = title;
  }

  /** Whether there is anything to report (its stage ran); true unless a section says otherwise. */
  boolean ran() {
    return true;
  }

  /** The text under the title. */
  abstract void body();

  @Override
  final void write() {
    if (!ran()) {
      return;
    }
    line("## " + title);
    line();
    body();
  }
}
