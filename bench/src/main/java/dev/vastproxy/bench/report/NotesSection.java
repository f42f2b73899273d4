package dev.vastproxy.bench.report;

/** The report's last section: what the harness noted during the run (tools skipped, say). */
final class NotesSection extends ReportText {
  NotesSection(ReportText document) {
    super(document);
  }

  @Override
  void write() {
    if (results.notes().isEmpty()) {
      return;
    }
    line("## Notes from this run");
    line();
    results.notes().forEach(note -> line("- " + note));
    line();
  }
}
