package dev.vastproxy.adapters.tui.archviolation;

import dev.vastproxy.adapters.http.front.OpenAiErrors;

/** Breaks "adapters do not depend on each other". */
public final class TuiUsesHttpAdapter {
  /** Uses the HTTP adapter from the dashboard. */
  public static byte[] body() {
    return OpenAiErrors.noBackends();
  }
}
