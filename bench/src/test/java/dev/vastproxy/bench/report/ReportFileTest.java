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
}
