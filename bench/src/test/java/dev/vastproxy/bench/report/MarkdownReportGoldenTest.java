package dev.vastproxy.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.bench.BenchResults;
import dev.vastproxy.bench.BenchSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    BenchResults empty =
        new BenchResults(
            BenchSettings.smoke(Path.of("x.jar"), Path.of("w")),
            SampleResults.full().machine(),
            Instant.EPOCH,
            Duration.ofSeconds(30),
            List.of(),
            List.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            List.of(),
            "0 0 0",
            List.of());

    assertSameAs("empty.md", MarkdownReport.render(empty));
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
