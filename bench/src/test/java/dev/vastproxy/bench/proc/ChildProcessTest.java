package dev.vastproxy.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
  @TempDir Path dir;

  @Test
  void runsACommandWithItsOutputInALog() throws Exception {
    try (ChildProcess child =
        ChildProcess.start(
            List.of("sh", "-c", "echo \"hello $WHO\""),
            dir,
            Map.of("WHO", "bench"),
            dir.resolve("out.log"))) {
      assertThat(child.awaitExit(10_000)).isZero();
      assertThat(child.output()).isEqualTo("hello bench\n");
      assertThat(child.alive()).isFalse();
      assertThat(child.pid()).isPositive();
      assertThat(child.spawnedAt()).isLessThanOrEqualTo(System.nanoTime());
    }
  }

  @Test
  void stopsALongRunningCommand() throws Exception {
    ChildProcess child =
        ChildProcess.start(List.of("sleep", "60"), dir, Map.of(), dir.resolve("sleep.log"));

    assertThat(child.awaitExit(10)).isEqualTo(-1);
    child.close();

    assertThat(child.alive()).isFalse();
    Files.delete(dir.resolve("sleep.log"));
    assertThat(child.output()).isEmpty();
  }
}
