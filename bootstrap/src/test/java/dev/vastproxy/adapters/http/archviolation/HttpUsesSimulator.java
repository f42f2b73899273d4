package dev.vastproxy.adapters.http.archviolation;

import dev.vastproxy.simulator.ChatChunks;

/** Breaks "only bootstrap uses the simulator". */
public final class HttpUsesSimulator {
  /** Uses a fake engine's body in the product. */
  public static String frame() {
    return ChatChunks.frame("{}");
  }
}
