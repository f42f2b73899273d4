package dev.vastproxy.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
  @TempDir Path dir;

  @Test
  void writesANewFileBetweenMarkers() throws Exception {
    Path file = dir.resolve("docs/benchmarks.md");

    ReportFile.write(file, "# One\n");

    assertThat(Files.readString(file))
        .isEqualTo(ReportFile.BEGIN + "\n# One\n" + ReportFile.END + "\n");
  }

  @Test
  void keepsWhatWasWrittenByHandAroundTheMarkers() throws Exception {
    Path file = dir.resolve("b.md");
    Files.writeString(
        file, "intro\n" + ReportFile.BEGIN + "\nold\n" + ReportFile.END + "\n## Findings\nkeep\n");

    ReportFile.write(file, "new\n");

    assertThat(Files.readString(file))
        .isEqualTo(
            "intro\n" + ReportFile.BEGIN + "\nnew\n" + ReportFile.END + "\n## Findings\nkeep\n");
  }

  @Test
  void replacesAFileWithoutMarkers() throws Exception {
    Path file = dir.resolve("c.md");
    Files.writeString(file, "hand-made\n");

    ReportFile.write(file, "gen\n");

    assertThat(Files.readString(file))
        .startsWith(ReportFile.BEGIN)
        .contains("gen")
        .doesNotContain("hand");
  }

  @Test
  void aNamedBlockIsAppendedOnceThenReplacedAndTheRestKept() throws Exception {
    Path file = dir.resolve("d.md");
    ReportFile.write(file, "main\n");

    ReportFile.writeBlock(file, "mixed", "first\n");
    ReportFile.writeBlock(file, "mixed", "second\n");
    ReportFile.write(file, "main again\n");

    String text = Files.readString(file);
    assertThat(text)
        .contains("main again")
        .contains("second\n<!-- bench:mixed:end -->")
        .doesNotContain("first")
        .startsWith(ReportFile.BEGIN);
    assertThat(text.indexOf("bench:mixed:begin")).isEqualTo(text.lastIndexOf("bench:mixed:begin"));
    ReportFile.writeBlock(dir.resolve("new.md"), "mixed", "alone\n");
    assertThat(Files.readString(dir.resolve("new.md"))).startsWith("<!-- bench:mixed:begin");
  }
}
