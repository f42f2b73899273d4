package dev.vastproxy.bootstrap.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The repository's deploy/ folder, and running the tools that check its files. */
public final class DeployFiles {
  private DeployFiles() {}

  /** deploy/ (tests run in the module's folder, one below the repository's root). */
  public static Path root() {
    Path deploy = Path.of("..", "deploy").toAbsolutePath().normalize();
    if (!Files.isDirectory(deploy)) {
      throw new IllegalStateException("deploy/ is missing: " + deploy);
    }
    return deploy;
  }

  /** The first of the named programs found on PATH or in the usual system folders. */
  public static Optional<Path> program(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  /** What a command printed (stdout and stderr together), and its exit status. */
  record Result(int status, String output) {}

  /** Runs a command to its end, within a minute. */
  static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end within a minute");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
