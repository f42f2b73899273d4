package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.targets.Target;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Repeats a target's unmeasured warm-up run until its JIT compiler has settled: until the compiler
 * threads took under 5 % of the process's CPU in the last run, and at most {@link #MOST_RUNS} runs.
 * A JVM keeps compiling for tens of seconds of load, and a measured round that pays for compiling
 * would charge a one-off start-up cost to every request and event; a target that is no JVM gets one
 * run.
 */
final class JitWarmUp {
  /** The most warm-up runs a target gets. */
  static final int MOST_RUNS = 6;

  /** One unmeasured run. */
  @FunctionalInterface
  interface Run {
    void run() throws IOException;
  }

  private JitWarmUp() {}

  static void warmUp(Target target, ProcessTree proc, Consumer<String> log, Run run)
      throws IOException {
    long pid = target.pid().orElse(0);
    for (int done = 1; ; done++) {
      log.accept("warm-up " + done + ": " + target.name());
      long cpuBefore = proc.cpuTicks(pid);
      long compilingBefore = proc.compilerTicks(pid);
      run.run();
      long cpu = proc.cpuTicks(pid) - cpuBefore;
      long compiling = proc.compilerTicks(pid) - compilingBefore;
      if (pid == 0 || done >= MOST_RUNS || compiling * 20 <= cpu) {
        if (compiling > 0) {
          log.accept(
              target.name()
                  + ": the JIT compiler took "
                  + compiling
                  + " of "
                  + cpu
                  + " CPU ticks in the last warm-up run");
        }
        return;
      }
    }
  }
}
