package dev.vastproxy.adapters.tui;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.fleet.InstanceAlert;
import dev.vastproxy.domain.instance.Instance;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The instances the account lists that take no requests and have no card, one line each above the
 * cards, saying why: {@code #31814300 RTX 3090x1 stopped by the proxy (idle for 30m); the next
 * request for Qwen/Qwen3-8B starts it again}. At most {@link #MAX_LINES}, then how many more.
 */
final class OthersText {
  /** Lines shown at most before "and N more". */
  static final int MAX_LINES = 3;

  private static final String CUT = "...";

  private OthersText() {}

  /** Draws the lines from {@code row}; returns the row after them. */
  static int draw(TextGrid screen, int row, FleetView view, int width) {
    List<InstanceGuard> others = view.guard().others();
    int shown = Math.min(others.size(), others.size() > MAX_LINES ? MAX_LINES - 1 : MAX_LINES);
    for (int i = 0; i < shown; i++) {
      InstanceGuard other = others.get(i);
      screen.put(0, row++, fit(line(other), width), Style.of(colour(other)));
    }
    if (shown < others.size()) {
      screen.put(
          0,
          row++,
          fit(
              "and "
                  + (others.size() - shown)
                  + " more instances not routed (see /vastproxy/status)",
              width),
          Style.of(Colour.GREY));
    }
    return row;
  }

  static String line(InstanceGuard other) {
    Instance instance = other.instance();
    String gpu = instance.gpuName().isEmpty() ? "GPU" : instance.gpuName();
    String alerts =
        other.alerts().isEmpty()
            ? ""
            : "  ⚠ "
                + other.alerts().stream()
                    .sorted()
                    .map(InstanceAlert::text)
                    .collect(Collectors.joining(", "));
    return "#"
        + instance.id()
        + " "
        + gpu
        + (instance.gpuCount() > 0 ? "x" + instance.gpuCount() : "")
        + "  "
        + other.whyNotRoutable().orElse("not routed")
        + alerts;
  }

  private static Colour colour(InstanceGuard other) {
    if (!other.alerts().isEmpty()) {
      return Colour.RED;
    }
    return other.stoppedByProxy().isPresent() ? Colour.ORANGE : Colour.GREY;
  }

  private static String fit(String text, int width) {
    return text.length() <= width
        ? text
        : text.substring(0, Math.max(0, width - CUT.length())) + CUT;
  }
}
