package dev.vastproxy.bench.report;

import dev.vastproxy.bench.proc.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The machine a run was taken on, as the report describes it.
 *
 * @param cpu the CPU model
 * @param cores logical cores
 * @param memoryMib total memory
 * @param kernel the kernel release
 * @param jdk the JDK running the harness and vastproxy
 * @param nginx nginx's version line, or "not installed"
 * @param haproxy HAProxy's version line, or "not installed"
 * @param wrk wrk's version line, or "not installed"
 * @param hey whether hey is installed
 * @param openFiles the open-files limit of the harness and its children
 * @param loadAverage /proc/loadavg when the run started
 */
public record MachineInfo(
    String cpu,
    int cores,
    long memoryMib,
    String kernel,
    String jdk,
    String nginx,
    String haproxy,
    String wrk,
    String hey,
    String openFiles,
    String loadAverage) {
  private static final String ABSENT = "not installed";

  /** Reads it from /proc and the tools' version options. */
  public static MachineInfo read(Path proc, Executables programs) {
    return new MachineInfo(
        firstValue(proc.resolve("cpuinfo"), "model name").orElse("unknown"),
        Runtime.getRuntime().availableProcessors(),
        firstValue(proc.resolve("meminfo"), "MemTotal")
            .map(value -> Long.parseLong(value.split("\\s+")[0]) / 1024)
            .orElse(0L),
        text(proc.resolve("sys/kernel/osrelease")).orElse("unknown"),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        version(programs, "nginx", "-v"),
        version(programs, "haproxy", "-v"),
        version(programs, "wrk", "--version"),
        programs.find("hey").map(path -> "installed").orElse(ABSENT),
        limitLine(proc.resolve("self/limits")),
        text(proc.resolve("loadavg")).orElse("unknown"));
  }

  private static Optional<String> firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return Optional.of(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException e) {
      // not on Linux
    }
    return Optional.empty();
  }

  private static Optional<String> text(Path file) {
    try {
      return Optional.of(Files.readString(file).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String limitLine(Path limits) {
    try {
      for (String line : Files.readAllLines(limits)) {
        if (line.startsWith("Max open files")) {
          String[] values = line.substring("Max open files".length()).trim().split("\\s+");
          return "soft " + values[0] + ", hard " + values[1];
        }
      }
    } catch (IOException | RuntimeException e) {
      // not on Linux
    }
    return "unknown";
  }

  /** The first line a program prints for its version option, or "not installed". */
  static String version(Executables programs, String name, String option) {
    Optional<Path> program = programs.find(name);
    if (program.isEmpty()) {
      return ABSENT;
    }
    try {
      Process process =
          new ProcessBuilder(List.of(program.get().toString(), option))
              .redirectErrorStream(true)
              .start();
      byte[] output = process.getInputStream().readAllBytes();
      process.waitFor(10, TimeUnit.SECONDS);
      String text = new String(output, StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? "installed" : text.lines().findFirst().orElse("installed");
    } catch (IOException e) {
      return "installed (version unknown)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "installed (version unknown)";
    }
  }
}
