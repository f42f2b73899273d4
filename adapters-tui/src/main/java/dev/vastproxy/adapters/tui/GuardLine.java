package dev.vastproxy.adapters.tui;

import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.application.port.in.IdleCountdown;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.fleet.InstanceAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A card's money line: its alerts ({@code ⚠ contract ends within 24 h}) when it has any, else its
 * idle countdown ({@code idle 12m05s · stop in 17m55s}, or just {@code idle 12m05s} with no idle
 * action), or for a box that never served, that the proxy will not touch it.
 */
final class GuardLine {
  /** The countdown turns yellow this close to its action. */
  static final Duration SOON = Duration.ofMinutes(5);

  private static final String CUT = "...";

  private GuardLine() {}

  /** Whether a card has the line. */
  static boolean shown(Optional<InstanceGuard> guard) {
    return guard.isPresent() && text(guard.get(), Instant.EPOCH).isPresent();
  }

  /** Draws the line at a row of a card. */
  static void draw(TextGrid card, InstanceGuard guard, int x, int y, Instant now) {
    Optional<String> line = text(guard, now);
    if (line.isEmpty()) {
      return;
    }
    String text = line.get();
    int room = CardRenderer.WIDTH - x;
    if (text.length() > room) {
      text = text.substring(0, room - CUT.length()) + CUT;
    }
    card.put(x, y, text, Style.of(colour(guard, now)));
  }

  private static Optional<String> text(InstanceGuard guard, Instant now) {
    if (!guard.alerts().isEmpty()) {
      return Optional.of(
          "⚠ "
              + guard.alerts().stream()
                  .sorted()
                  .map(InstanceAlert::text)
                  .collect(Collectors.joining(", ")));
    }
    if (guard.idle().isPresent()) {
      IdleCountdown idle = guard.idle().get();
      String text = "idle " + ElapsedText.format(idle.idleFor(now));
      if (idle.action() != IdleAction.NONE) {
        text += " · " + idle.action().text() + " in " + ElapsedText.format(idle.remaining(now));
      }
      return Optional.of(text);
    }
    if (!guard.served()) {
      return Optional.of("never served: the proxy never stops or destroys it");
    }
    return Optional.empty();
  }

  private static Colour colour(InstanceGuard guard, Instant now) {
    if (!guard.alerts().isEmpty()) {
      return Colour.RED;
    }
    boolean soon =
        guard
            .idle()
            .filter(idle -> idle.action() != IdleAction.NONE)
            .map(idle -> idle.remaining(now).compareTo(SOON) < 0)
            .orElse(false);
    return soon ? Colour.YELLOW : Colour.GREY;
  }
}
