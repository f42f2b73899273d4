package dev.vastproxy.bench.report;

import dev.vastproxy.bench.BenchResults;
import java.util.List;

/** Writes a run's results as the Markdown of docs/benchmarks.md, one section after another. */
public final class MarkdownReport extends ReportText {
  private MarkdownReport(BenchResults results) {
    super(results, new Figures(results), new StringBuilder());
  }

  /** The whole document. */
  public static String render(BenchResults results) {
    MarkdownReport report = new MarkdownReport(results);
    report.write();
    return report.out.toString();
  }

  /** Only the summary table (what the harness prints at the end). */
  public static String summary(BenchResults results) {
    MarkdownReport report = new MarkdownReport(results);
    new SummarySection(report).write();
    return report.out.toString();
  }

  @Override
  void write() {
    List.of(
            new IntroSection(this),
            new ReproduceSection(this),
            new MachineSection(this),
            new SummarySection(this),
            new AimsSection(this),
            new SaturationSection(this),
            new FixedLoadSection(this),
            new PeekSection(this),
            new StreamingSection(this),
            new HeldSection(this),
            new ChaosSection(this),
            new StartupSection(this),
            new MethodSection(this),
            new NotesSection(this))
        .forEach(ReportText::write);
  }
}
