package dev.vastproxy.bench.report;

/** The report's last section: what the harness noted during the run (tools skipped, say). */
final class NotesSection extends ReportSection {
  NotesSection(ReportText document) {
    super(document, "Notes from this run");
  }

  @Override
  boolean ran() {
    return !results.notes().isEmpty();
  }

  @Override
  void body() {
    results.notes().forEach(note -> line("- " + note));
    line();
  }
}
