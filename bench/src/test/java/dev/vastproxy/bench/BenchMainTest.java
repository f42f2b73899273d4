package dev.vastproxy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return BenchMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void printsUsage() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--smoke").contains("--stages");
  }

  @Test
  void theMixedFleetStageNeedsTheJar(@TempDir Path dir) {
    assertThat(run("--mixed", "--jar", dir.resolve("none.jar").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("none.jar is missing");
  }

  @Test
  void refusesBadUse() {
    assertThat(run("--rounds", "0")).isEqualTo(2);
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(run("--out")).isEqualTo(2);
    assertThat(run("--stages", "nope")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--rounds needs a positive number")
        .contains("unknown option --bogus")
        .contains("--out needs a value")
        .contains("no stage nope");
  }

  @Test
  void buildsTheSettingsFromTheOptions() {
    BenchSettings settings =
        BenchMain.Options.parse(
                new String[] {
                  "--rounds", "2", "--stages", "streaming,held", "--workers", "2", "--no-peers",
                  "--no-policies", "--jar", "x.jar", "--work-dir", "w", "--jvm-flag", "-Dx=1"
                })
            .settings();

    assertThat(settings.profile()).isEqualTo("full");
    assertThat(settings.rounds()).isEqualTo(2);
    assertThat(settings.stages()).isEqualTo(Set.of("streaming", "held"));
    assertThat(settings.workers()).isEqualTo(2);
    assertThat(settings.peers()).isFalse();
    assertThat(settings.policies()).isFalse();
    assertThat(settings.jar()).isEqualTo(Path.of("x.jar"));
    assertThat(settings.jvmFlags()).contains("-XX:ActiveProcessorCount=2").endsWith("-Dx=1");
    assertThat(settings.runs("held")).isTrue();
    assertThat(settings.runs("saturation")).isFalse();
    BenchSettings smoke = BenchMain.Options.parse(new String[] {"--smoke"}).settings();
    assertThat(smoke.profile()).isEqualTo("smoke");
    assertThat(smoke.peers()).isFalse();
    assertThat(smoke.heldLevels()).isEqualTo(List.of(200));
  }

  @Test
  void settingsRefuseNonsense() {
    BenchSettings full = BenchSettings.full(Path.of("x"), Path.of("w"), 1);

    assertThatThrownBy(() -> full.withStages(Set.of("warp")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> full.withRounds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(full.withTargets(false, true).peers()).isFalse();
  }

  @Test
  void aRunThatCannotStartReportsIt(@TempDir Path dir) {
    assertThat(
            run(
                "--smoke",
                "--stages",
                "startup",
                "--jar",
                "/nonexistent/vastproxy.jar",
                "--work-dir",
                dir.toString()))
        .isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("skipped vastproxy");
  }
}
