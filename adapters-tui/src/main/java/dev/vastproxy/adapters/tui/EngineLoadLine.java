package dev.vastproxy.adapters.tui;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.load.EngineSignals;
import dev.vastproxy.domain.load.LoadReading;
import java.util.Locale;
import java.util.Optional;

/**
 * A healthy card's engine-load row: what the engine reports (running and waiting requests, KV-cache
 * use, tokens per second measured from its counters), or that it reports nothing, and {@code slow}
 * when routing treats it as a slow outlier.
 *
 * <pre>
 *   run   8  wait  3  KV  95%   412 tok/s  slow
 * </pre>
 */
final class EngineLoadLine {
  private EngineLoadLine() {}

  /**
   * Whether the backend's card has the row: only healthy backends take requests, and one whose
   * engine reports nothing (and is no outlier) has nothing to show beyond its in-flight count.
   */
  static boolean shown(Backend backend) {
    return backend.state() == BackendState.HEALTHY
        && (backend.load().signals().reading().isPresent() || backend.load().signals().outlier());
  }

  /** The row's text. */
  static String text(Backend backend) {
    EngineSignals signals = backend.load().signals();
    Optional<LoadReading> reading = signals.reading();
    String slow = signals.outlier() ? "  slow" : "";
    if (reading.isEmpty()) {
      return "no engine load signal" + slow;
    }
    LoadReading current = reading.get();
    String cache =
        current.report().kvCacheUsage().isPresent()
            ? String.format(
                Locale.ROOT, "%3.0f%%", current.report().kvCacheUsage().getAsDouble() * 100)
            : "  ?%";
    String speed =
        current.tokensPerSecond().isPresent()
            ? String.format(Locale.ROOT, "%5.0f tok/s", current.tokensPerSecond().getAsDouble())
            : "    ? tok/s";
    return String.format(
            Locale.ROOT,
            "run %3d  wait %3d  KV %s  %s",
            current.report().running(),
            current.report().waiting(),
            cache,
            speed)
        + slow;
  }

  /** Draws the row at {@code y}. */
  static void draw(TextGrid card, Backend backend, int x, int y) {
    boolean quiet =
        backend.load().signals().reading().map(r -> r.report().requests() == 0).orElse(true);
    card.put(
        x,
        y,
        text(backend),
        backend.load().signals().outlier()
            ? Style.of(Colour.ORANGE)
            : quiet ? Style.of(Colour.GREY) : Style.PLAIN);
  }
}
