package dev.vastproxy.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/systemd/vastproxy.service: hardened, secrets from a file, time to drain; systemd-clean.
 */
class SystemdUnitTest {
  private static final Path UNIT = DeployFiles.root().resolve("systemd/vastproxy.service");

  @TempDir Path scratch;

  @Test
  void isHardenedAndGivesTheDrainTime() throws Exception {
    String unit = Files.readString(UNIT);

    assertThat(unit)
        .contains(
            "User=vastproxy",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "EnvironmentFile=/etc/vastproxy/vastproxy.env",
            "RestartPreventExitStatus=2")
        .doesNotContain("VAST_API_KEY=");
    Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(unit);
    assertThat(stop.find()).as("TimeoutStopSec is set in seconds").isTrue();
    Duration drainAndGrace = Duration.ofSeconds(5 + 30);
    assertThat(Duration.ofSeconds(Long.parseLong(stop.group(1)))).isGreaterThan(drainAndGrace);
  }

  @Test
  void systemdAnalyzeVerifyFindsNothingToSay() throws Exception {
    Optional<Path> analyze = DeployFiles.program("systemd-analyze");
    assumeTrue(analyze.isPresent(), "systemd-analyze is not installed: unit not verified");

    assertThat(verify(analyze.get(), Files.readString(UNIT))).isEmpty();
    assertThat(verify(analyze.get(), Files.readString(UNIT) + "\nBogusKey=1\n"))
        .as("the check does see mistakes")
        .contains("BogusKey");
  }

  /** What {@code systemd-analyze verify} says about the unit, run as a copy in a scratch folder. */
  private String verify(Path analyze, String unit) throws Exception {
    // The unit's java is where Debian puts it; verify checks that it exists, so on a machine
    // whose java lives elsewhere check against this JVM's.
    if (!Files.isExecutable(Path.of("/usr/bin/java"))) {
      unit =
          unit.replace(
              "/usr/bin/java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
    Path copy = scratch.resolve("vastproxy.service");
    Files.writeString(copy, unit);
    DeployFiles.Result result =
        DeployFiles.run(List.of(analyze.toString(), "verify", "--man=no", copy.toString()));
    assertThat(result.status()).as(result.output()).isZero();
    return result.output().strip();
  }
}
