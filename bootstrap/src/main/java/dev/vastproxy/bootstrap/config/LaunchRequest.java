package dev.vastproxy.bootstrap.config;

import java.util.Objects;

/** What the command line asks for: the help text, or a run with valid settings. */
public sealed interface LaunchRequest permits LaunchRequest.ShowHelp, LaunchRequest.Run {

  /**
   * Print the help and stop.
   *
   * @param text the help text
   */
  record ShowHelp(String text) implements LaunchRequest {
    public ShowHelp {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Run the proxy.
   *
   * @param config the validated settings
   */
  record Run(VastProxyConfig config) implements LaunchRequest {
    public Run {
      Objects.requireNonNull(config, "config");
    }
  }
}
