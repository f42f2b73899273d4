package dev.vastproxy.bootstrap.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built jar, run as a separate process, as a user runs it. */
final class ProxyProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int port;

  private ProxyProcess(Process process, Path stdout, Path stderr, int port) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.port = port;
  }

  /** The jar {@code package} built. */
  static Path jar() {
    Path jar = Path.of("target", "vastproxy.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("run the package phase first: " + jar + " is missing");
    }
    return jar;
  }

  /** A port nothing listens on now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts the jar with the given arguments and environment only (nothing inherited), in a scratch
   * directory that is also its home.
   */
  static ProxyProcess start(Path scratch, int port, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // Carry this JVM's coverage agent, so the jar's run counts towards the coverage gate.
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("jacoco"))
        .forEach(command::add);
    command.add("-Duser.home=" + scratch);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("HOME", scratch.toString());
    Path out = scratch.resolve("stdout.txt");
    Path err = scratch.resolve("stderr.txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new ProxyProcess(builder.start(), out, err, port);
  }

  /**
   * Starts the jar headless against a simulated vast.ai account, on {@code port}, polling and
   * probing every second, with {@code more} flags after those.
   */
  static ProxyProcess startAgainst(
      Path scratch, int port, String vastKey, URI vastApi, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--headless",
                "--listen-addr",
                "127.0.0.1:" + port,
                "--poll-interval",
                "1s",
                "--health-interval",
                "1s"));
    args.addAll(List.of(more));
    return start(
        scratch,
        port,
        Map.of("VAST_API_KEY", vastKey, "VAST_API_URL", vastApi.toString()),
        args.toArray(String[]::new));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  Process process() {
    return process;
  }

  /** Asks it to stop as a service manager would (SIGTERM) and waits for its exit status. */
  int terminate(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "did not stop within " + timeoutSeconds + " s; stdout:\n" + stdout());
    }
    return process.exitValue();
  }

  /** Waits for it to exit on its own. */
  int awaitExit(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not exit within " + timeoutSeconds + " s");
    }
    return process.exitValue();
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
