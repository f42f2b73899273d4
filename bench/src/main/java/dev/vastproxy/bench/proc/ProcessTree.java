package dev.vastproxy.bench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CPU time and resident memory of a process and all its descendants, read from Linux's /proc. */
public final class ProcessTree {
  /** Linux reports CPU times in USER_HZ ticks, which is 100 per second on every architecture. */
  public static final int TICKS_PER_SECOND = 100;

  private final Path proc;

  /** Reads the given /proc (tests pass a fake one). */
  public ProcessTree(Path proc) {
    this.proc = proc;
  }

  /** Reads the real /proc. */
  public static ProcessTree system() {
    return new ProcessTree(Path.of("/proc"));
  }

  /** The process and its descendants that are alive now, the root first. */
  public List<Long> members(long root) {
    Map<Long, List<Long>> children = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] fields = statFields(Long.parseLong(name));
        if (fields.length > 1) {
          children
              .computeIfAbsent(Long.parseLong(fields[1]), key -> new ArrayList<>())
              .add(Long.parseLong(name));
        }
      }
    } catch (IOException e) {
      return List.of(root);
    }
    List<Long> members = new ArrayList<>();
    members.add(root);
    for (int i = 0; i < members.size(); i++) {
      members.addAll(children.getOrDefault(members.get(i), List.of()));
    }
    return members;
  }

  /**
   * User plus system CPU ticks of the process and its descendants, including descendants that have
   * exited and been waited for (a short-lived {@code jcmd}, say).
   */
  public long cpuTicks(long root) {
    long ticks = 0;
    for (long pid : members(root)) {
      String[] fields = statFields(pid);
      if (fields.length >= 15) {
        for (int i = 11; i <= 14; i++) {
          ticks += Long.parseLong(fields[i]);
        }
      }
    }
    return ticks;
  }

  /** User plus system CPU ticks of the process alone (all its threads). */
  public long ownCpuTicks(long pid) {
    return userAndSystem(statFields(pid));
  }

  /**
   * User plus system CPU ticks of a JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2
   * CompilerThre…}); zero for a process that has none.
   */
  public long compilerTicks(long pid) {
    long ticks = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(proc.resolve(pid + "/task"))) {
      for (Path thread : threads) {
        String name = Files.readString(thread.resolve("comm")).strip();
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          ticks += userAndSystem(statFields(thread.resolve("stat")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process, or a thread, ended while it was read
    }
    return ticks;
  }

  /** Resident set size, in KiB, of the process and its descendants. */
  public long rssKib(long root) {
    long kib = 0;
    for (long pid : members(root)) {
      kib += ownRssKib(pid);
    }
    return kib;
  }

  private long ownRssKib(long pid) {
    try {
      for (String line : Files.readAllLines(proc.resolve(pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended while it was read
    }
    return 0;
  }

  /** The fields of /proc/pid/stat after the command name: state, ppid, … (empty when gone). */
  private String[] statFields(long pid) {
    return statFields(proc.resolve(pid + "/stat"));
  }

  /** The fields of a process's or thread's stat file after the command name (empty when gone). */
  private static String[] statFields(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    } catch (IOException | RuntimeException e) {
      return new String[0];
    }
  }

  /** User plus system ticks from a stat file's fields (zero when they are missing). */
  private static long userAndSystem(String[] fields) {
    return fields.length < 13 ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Busy and total CPU ticks of the whole machine, from /proc/stat. */
  public MachineTicks machineTicks() {
    try {
      String first = Files.readAllLines(proc.resolve("stat")).get(0);
      String[] fields = first.trim().split("\\s+");
      long busy = 0;
      long total = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        long value = Long.parseLong(fields[i]);
        total += value;
        if (i != 4 && i != 5) {
          busy += value;
        }
      }
      return new MachineTicks(busy, total);
    } catch (IOException | RuntimeException e) {
      return new MachineTicks(0, 0);
    }
  }

  /**
   * The machine's CPU ticks since boot.
   *
   * @param busy ticks spent on anything but idle and I/O wait
   * @param total every tick
   */
  public record MachineTicks(long busy, long total) {}
}
