package dev.vastproxy.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The report rendered from fixed results, compared byte for byte with the text the report wrote
 * before its sections were split into classes: moving code must not move a character of
 * docs/benchmarks.md. On a mismatch the text rendered now lands in target/golden/ for a diff.
 */
class MarkdownReportGoldenTest {
  @Test
  void aFullRunRendersExactlyAsBefore() throws IOException {
    assertSameAs("full.md", MarkdownReport.render(SampleResults.full()));
  }

  @Test
  void theSummaryRendersExactlyAsBefore() throws IOException {
    assertSameAs("summary.md", MarkdownReport.summary(SampleResults.full()));
  }

  @Test
  void aRunWhereNothingRanRendersExactlyAsBefore() throws IOException {
    assertSameAs("empty.md", MarkdownReport.render(SampleResults.nothingRan()));
  }

  private static void assertSameAs(String name, String rendered) throws IOException {
    Path actual = Path.of("target", "golden", name);
    Files.createDirectories(actual.getParent());
    Files.writeString(actual, rendered, StandardCharsets.UTF_8);
    try (InputStream expected = MarkdownReportGoldenTest.class.getResourceAsStream(name)) {
      assertThat(expected).as("golden file %s", name).isNotNull();
      assertThat(rendered).isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
