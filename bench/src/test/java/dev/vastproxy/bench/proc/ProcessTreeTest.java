package dev.vastproxy.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTest {
  @TempDir Path proc;

  private void process(long pid, long ppid, long utime, long stime, long rssKib)
      throws IOException {
    process(pid, ppid, utime, stime, 0, rssKib);
  }

  private void process(long pid, long ppid, long utime, long stime, long cutime, long rssKib)
      throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(
        dir.resolve("stat"),
        pid
            + " (name with ) and spaces) S "
            + ppid
            + " 1 1 0 -1 0 0 0 0 0 "
            + utime
            + " "
            + stime
            + " "
            + cutime
            + " 0 20 0 1 0\n");
    Files.writeString(dir.resolve("status"), "Name:\tx\nVmRSS:\t  " + rssKib + " kB\n");
  }

  @Test
  void sumsCpuAndMemoryOverTheWholeTree() throws IOException {
    process(10, 1, 100, 50, 1000);
    process(11, 10, 5, 5, 200);
    process(12, 11, 1, 1, 7, 30);
    process(20, 1, 999, 999, 9999);
    Files.createDirectories(proc.resolve("self"));
    ProcessTree tree = new ProcessTree(proc);

    assertThat(tree.members(10)).containsExactly(10L, 11L, 12L);
    assertThat(tree.cpuTicks(10)).isEqualTo(169);
    assertThat(tree.ownCpuTicks(10)).isEqualTo(150);
    assertThat(tree.rssKib(10)).isEqualTo(1230);
    assertThat(tree.cpuTicks(99)).isZero();
    assertThat(tree.rssKib(99)).isZero();
  }

  @Test
  void countsOnlyTheJitCompilerThreadsOfAJvm() throws IOException {
    thread(10, 101, "C2 CompilerThre", 40, 2);
    thread(10, 102, "C1 CompilerThre", 7, 1);
    thread(10, 103, "vastproxy-http_", 500, 300);
    thread(11, 111, "nginx", 9, 9);
    ProcessTree tree = new ProcessTree(proc);

    assertThat(tree.compilerTicks(10)).isEqualTo(50);
    assertThat(tree.compilerTicks(11)).isZero();
    assertThat(tree.compilerTicks(99)).isZero();
  }

  private void thread(long pid, long tid, String name, long utime, long stime) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(pid + "/task/" + tid));
    Files.writeString(dir.resolve("comm"), name + "\n");
    Files.writeString(
        dir.resolve("stat"),
        tid + " (" + name + ") S 1 1 1 0 -1 0 0 0 0 0 " + utime + " " + stime + " 0 0 20 0 1 0\n");
  }

  @Test
  void readsTheMachinesBusyTicks() throws IOException {
    Files.writeString(proc.resolve("stat"), "cpu  10 1 5 100 7 2 3 4 0 0\ncpu0 1 1 1 1\n");

    ProcessTree.MachineTicks ticks = new ProcessTree(proc).machineTicks();

    assertThat(ticks.busy()).isEqualTo(10 + 1 + 5 + 2 + 3 + 4);
    assertThat(ticks.total()).isEqualTo(132);
    assertThat(new ProcessTree(proc.resolve("missing")).machineTicks().total()).isZero();
    assertThat(new ProcessTree(proc.resolve("missing")).members(5)).containsExactly(5L);
  }

  @Test
  void readsTheRealProc() {
    ProcessTree tree = ProcessTree.system();
    long self = ProcessHandle.current().pid();

    assertThat(tree.members(self)).startsWith(self);
    assertThat(tree.rssKib(self)).isPositive();
    assertThat(tree.machineTicks().total()).isPositive();
  }
}
