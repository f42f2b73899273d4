package dev.vastproxy.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A process the harness started, with its output in a log file; stopped by its own pid, at the
 * latest when the harness exits (even on Ctrl-C), so that no server outlives a run.
 */
public final class ChildProcess implements AutoCloseable {
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "bench-children"));
  }

  private final Process process;
  private final Path log;
  private final long spawnedAt;

  private ChildProcess(Process process, Path log, long spawnedAt) {
    this.process = process;
    this.log = log;
    this.spawnedAt = spawnedAt;
  }

  /**
   * Starts a command in a directory, stdout and stderr going to {@code log}.
   *
   * @param env variables added to the inherited environment
   */
  public static ChildProcess start(
      List<String> command, Path dir, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long spawnedAt = System.nanoTime();
    Process process = builder.start();
    RUNNING.add(process);
    return new ChildProcess(process, log, spawnedAt);
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** {@link System#nanoTime()} just before the process was spawned. */
  public long spawnedAt() {
    return spawnedAt;
  }

  /** Whether it still runs. */
  public boolean alive() {
    return process.isAlive();
  }

  /** Waits for it to exit on its own; its exit status, or -1 if it did not within the time. */
  public int awaitExit(long timeoutMillis) throws InterruptedException {
    return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** Its output so far (the last 4 KiB). */
  public String output() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 4096 ? text.substring(text.length() - 4096) : text;
    } catch (IOException e) {
      return "";
    }
  }

  /** Asks it to stop (SIGTERM), then kills it after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      RUNNING.remove(process);
    }
  }
}
