package dev.vastproxy.adapters.tui;

import dev.vastproxy.domain.backend.SshPath;

/**
 * The one-cell mark on a card that tells how SSH reaches the instance for GPU figures: {@code »}
 * direct, {@code ~} through vast.ai's SSH proxy, {@code ?} no SSH session yet.
 *
 * <p>Why not the original's rabbit and turtle: 🐇 and 🐢 are outside the Basic Multilingual Plane
 * and East-Asian-Wide, so a terminal draws them one or two cells wide depending on its Unicode
 * tables (old {@code wcwidth}, tmux and the outer terminal disagreeing, fonts without emoji). The
 * screen layer decides where the next cell goes by its own guess of the width; when the terminal
 * guesses otherwise, every later cell on the row shifts, the card to the right included. Measuring
 * the width at start-up (print, then ask the cursor position) needs a reply that not every terminal
 * or multiplexer sends, and the answer can change when tmux is re-attached from another terminal.
 * So the icons are characters that every monospace font has and every width table counts as one
 * cell: ASCII {@code ~} and {@code ?}, and Latin-1 {@code »} (East Asian Width "Neutral", never
 * widened, unlike "Ambiguous" characters such as {@code →}). Double chevron for the fast straight
 * path, a wave for the detour, a question mark while unknown.
 */
public final class SshIcon {
  private SshIcon() {}

  /** The mark for a path. */
  public static char of(SshPath path) {
    switch (path) {
      case DIRECT:
        return '»';
      case PROXY:
        return '~';
      default:
        return '?';
    }
  }
}
