package dev.vastproxy.bench.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a load tool to its end and hands back what it printed. */
final class ToolRun {
  private ToolRun() {}

  /**
   * Runs the command with stdout and stderr in {@code output}; returns the text.
   *
   * @throws IOException when it cannot start, exceeds the limit or exits with an error
   */
  static String run(List<String> command, Path output, Duration limit) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " ran past " + limit.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(
          command.get(0)
              + " exited with "
              + process.exitValue()
              + ": "
              + text.substring(0, Math.min(500, text.length())));
    }
    return text;
  }
}
