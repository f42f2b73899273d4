package dev.vastproxy.adapters.http;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own tools, found on the {@code PATH} (Debian's {@code prometheus} package installs
 * {@code promtool} and {@code prometheus}; {@code .ci/run} installs it). Tests that need them skip,
 * saying so, where they are absent.
 */
public final class Promtool {
  /** Why a test skipped. */
  public static final String MISSING =
      "not on the PATH; install Debian's prometheus package (apt-get install prometheus) to run"
          + " this check, as .ci/run does";

  private Promtool() {}

  /** An executable of that name on the {@code PATH}. */
  public static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** What a run printed and how it ended. */
  public record Result(int exitCode, String output) {}

  /** Runs {@code promtool} with the arguments, feeding it {@code input}; at most a minute. */
  public static Result run(String input, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(find("promtool").orElseThrow().toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("promtool did not finish in a minute");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
