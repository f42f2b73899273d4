package dev.vastproxy.adapters.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.fleet.FleetProblem;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a fleet view and the user's state into a screen: header, an optional discovery-problem
 * line, a blank line, the scrollable card area, a notice line and the footer. Pure: the same input
 * gives the same frame.
 */
public final class DashboardRenderer {
  /** The footer's part for abort-all, shown only when an SGLang backend exists. */
  static final String ABORT_KEY = "a to abort all";

  private static final Style HEADER = Style.bold(Colour.BLUE);
  private static final String EMPTY_FLEET = "Waiting for running instances on vast.ai...";

  private final String listen;

  /**
   * @param listen where the proxy listens, as the header shows it (e.g. {@code :8080})
   */
  public DashboardRenderer(String listen) {
    this.listen = Objects.requireNonNull(listen, "listen");
  }

  /** Draws a screen of {@code width} by {@code height} cells. */
  public Frame render(FleetView view, int width, int height, UiState ui) {
    TextGrid screen = new TextGrid(Math.max(0, width), Math.max(0, height));
    VisibleFleet cards = VisibleFleet.of(view);
    int row = 0;
    for (String line : HeaderText.lines(view, cards, listen, width)) {
      screen.put(0, row++, line, HEADER);
    }
    if (view.fleet().problem().isPresent()) {
      String problem = problemText(view.fleet().problem().get(), view);
      for (String line : TerminalTextUtils.getWordWrappedText(Math.max(1, width), problem)) {
        screen.put(0, row++, line, Style.bold(Colour.RED));
      }
    }
    row = OthersText.draw(screen, row, view, width);
    int top = row + 1;
    int viewport = Math.max(0, height - 2 - top);
    CardLayout layout =
        CardLayout.of(
            cards.backends(),
            width,
            backend -> CardRenderer.height(backend, view.guard().of(backend.id())));
    int maxScroll = Math.max(0, layout.height() - viewport);
    int scroll = Math.min(ui.scroll(), maxScroll);
    if (viewport > 0) {
      screen.draw(cardArea(layout, cards, view, width, viewport, scroll), 0, top);
      if (maxScroll > 0) {
        drawScrollbar(screen, width - 1, top, viewport, scroll, layout.height());
      }
    }
    drawNotice(screen, height - 2, ui);
    drawFooter(screen, height - 1, ui, cards, view, maxScroll > 0);
    return new Frame(screen, scroll, maxScroll, viewport);
  }

  private static String problemText(FleetProblem problem, FleetView view) {
    Optional<Duration> unanswered = problem.unansweredFor(view.at());
    if (unanswered.isPresent()) {
      // The message already says the fleet is kept; what counts now is how long vast.ai is silent.
      return problem.message() + " (no answer for " + ElapsedText.format(unanswered.get()) + ")";
    }
    Duration failing = Duration.between(problem.since(), view.at());
    return problem.message()
        + " (discovery failing for "
        + ElapsedText.format(failing)
        + "; showing the last known fleet)";
  }

  private static TextGrid cardArea(
      CardLayout layout, VisibleFleet cards, FleetView view, int width, int viewport, int scroll) {
    TextGrid area = new TextGrid(width, viewport);
    if (cards.backends().isEmpty()) {
      area.put(CardLayout.MARGIN, 0, EMPTY_FLEET, Style.of(Colour.GREY));
      return area;
    }
    for (CardLayout.Placement placement : layout.placements()) {
      int row = placement.row() - scroll;
      Optional<InstanceGuard> guard = view.guard().of(placement.backend().id());
      if (row >= viewport || row + CardRenderer.height(placement.backend(), guard) <= 0) {
        continue;
      }
      area.draw(
          CardRenderer.render(placement.backend(), cards.at(), guard), placement.column(), row);
    }
    return area;
  }

  private static void drawScrollbar(
      TextGrid screen, int column, int top, int viewport, int scroll, int contentHeight) {
    int thumb = Math.max(1, (int) ((long) viewport * viewport / contentHeight));
    int maxScroll = contentHeight - viewport;
    int thumbTop = (int) Math.round((double) scroll * (viewport - thumb) / maxScroll);
    for (int i = 0; i < viewport; i++) {
      boolean inThumb = i >= thumbTop && i < thumbTop + thumb;
      screen.set(
          column,
          top + i,
          inThumb ? GpuLine.FILLED : GpuLine.EMPTY,
          Style.of(inThumb ? Colour.DEFAULT : Colour.GREY));
    }
  }

  private static void drawNotice(TextGrid screen, int row, UiState ui) {
    if (ui.activity().isPresent()) {
      screen.put(0, row, ui.activity().get(), Style.of(Colour.YELLOW));
    } else if (ui.notice().isPresent()) {
      Notice notice = ui.notice().get();
      screen.put(0, row, notice.text(), Style.of(notice.failure() ? Colour.RED : Colour.GREEN));
    }
  }

  private static void drawFooter(
      TextGrid screen, int row, UiState ui, VisibleFleet cards, FleetView view, boolean scrolls) {
    switch (ui.prompt()) {
      case ABORT_ALL:
        long targets = cards.abortTargets();
        screen.put(
            0,
            row,
            "Abort all requests on "
                + targets
                + (targets == 1 ? " SGLang backend" : " SGLang backends")
                + "? (y/n)",
            Style.bold(Colour.YELLOW));
        return;
      case DESTROY_ALL:
        long instances = cards.destroyTargets(view.guard());
        long kept = cards.destroyTargets() - instances;
        screen.put(
            0,
            row,
            "Destroy all "
                + instances
                + (instances == 1 ? " instance" : " instances")
                + " on vast.ai"
                + (kept > 0 ? " (" + kept + " never served: kept)" : "")
                + "? This is irreversible. (y/n)",
            Style.bold(Colour.RED));
        return;
      default:
        List<String> keys =
            cards.hasAbortableEngine()
                ? List.of(ABORT_KEY, "d to destroy all", "q to quit")
                : List.of("d to destroy all", "q to quit");
        String text = "Press " + String.join(" | ", keys) + (scrolls ? " | j/k to scroll" : "");
        screen.put(0, row, text, Style.PLAIN);
    }
  }
}
