package dev.vastproxy.bootstrap;

import dev.vastproxy.bootstrap.config.ConfigException;
import dev.vastproxy.bootstrap.config.ConfigLoader;
import dev.vastproxy.bootstrap.config.LaunchRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Starts vastproxy. */
public final class VastProxyMain {
  /** Exit status for bad configuration. */
  static final int BAD_CONFIGURATION = 2;

  private VastProxyMain() {}

  /** Entry point of the runnable jar. */
  public static void main(String[] args) {
    System.exit(
        run(
            args,
            System.getenv(),
            Path.of("").toAbsolutePath(),
            Path.of(System.getProperty("user.home")),
            System.out,
            System.err));
  }

  /**
   * Runs the proxy and returns its exit status.
   *
   * @return 0 after help or a clean shutdown, 2 for bad configuration
   */
  static int run(
      String[] args,
      Map<String, String> environment,
      Path workingDirectory,
      Path home,
      PrintStream out,
      PrintStream err) {
    LaunchRequest request;
    try {
      request = new ConfigLoader(environment, workingDirectory, home).load(args);
    } catch (ConfigException e) {
      err.println("vastproxy: " + e.getMessage());
      return BAD_CONFIGURATION;
    }
    if (request instanceof LaunchRequest.ShowHelp help) {
      out.print(help.text());
      return 0;
    }
    err.println("vastproxy: the server is not wired yet");
    return BAD_CONFIGURATION;
  }
}
