package dev.vastproxy.bench.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.targets.Target;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitWarmUpTest {
  private static final long PID = 4242;

  @TempDir Path proc;
  private final List<String> log = new ArrayList<>();
  private long cpu;
  private long compiling;

  @Test
  void aJvmIsWarmedUpUntilItsCompilerTakesUnderFivePercent() throws IOException {
    // Compiling takes 50 %, 20 %, 8 %, then 4 % of each run's CPU.
    long[] compilingPerRun = {50, 20, 8, 4, 0};
    int[] runs = {0};

    JitWarmUp.warmUp(
        target(OptionalLong.of(PID)),
        new ProcessTree(proc),
        log::add,
        () -> run(100, compilingPerRun[runs[0]++]));

    assertThat(runs[0]).isEqualTo(4);
    assertThat(log).contains("warm-up 4: jvm").doesNotContain("warm-up 5: jvm");
  }

  @Test
  void aJvmThatKeepsCompilingStopsAtTheMostRuns() throws IOException {
    int[] runs = {0};

    JitWarmUp.warmUp(
        target(OptionalLong.of(PID)),
        new ProcessTree(proc),
        log::add,
        () -> {
          runs[0]++;
          run(100, 30);
        });

    assertThat(runs[0]).isEqualTo(JitWarmUp.MOST_RUNS);
  }

  @Test
  void aTargetThatIsNoJvmOrNoProcessGetsOneRun() throws IOException {
    int[] runs = {0};

    JitWarmUp.warmUp(
        target(OptionalLong.empty()), new ProcessTree(proc), log::add, () -> runs[0]++);

    assertThat(runs[0]).isEqualTo(1);
  }

  /** One run: the process spends {@code ticks}, {@code compilingTicks} of them compiling. */
  private void run(long ticks, long compilingTicks) throws IOException {
    cpu += ticks;
    compiling += compilingTicks;
    Path self = Files.createDirectories(proc.resolve(Long.toString(PID)));
    Files.writeString(
        self.resolve("stat"), PID + " (java) S 1 1 1 0 -1 0 0 0 0 0 " + cpu + " 0 0 0 20 0 1 0\n");
    Path compiler = Files.createDirectories(self.resolve("task/4243"));
    Files.writeString(compiler.resolve("comm"), "C2 CompilerThre\n");
    Files.writeString(
        compiler.resolve("stat"),
        "4243 (C2 CompilerThre) S 1 1 1 0 -1 0 0 0 0 0 " + compiling + " 0 0 0 20 0 1 0\n");
  }

  private static Target target(OptionalLong pid) {
    return new Target() {
      @Override
      public String name() {
        return "jvm";
      }

      @Override
      public List<InetSocketAddress> addresses() {
        return List.of(new InetSocketAddress("127.0.0.1", 1));
      }

      @Override
      public OptionalLong pid() {
        return pid;
      }

      @Override
      public double startupMillis() {
        return 0;
      }

      @Override
      public void close() {}
    };
  }
}
