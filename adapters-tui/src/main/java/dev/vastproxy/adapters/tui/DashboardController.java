package dev.vastproxy.adapters.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.vastproxy.application.port.in.AbortAllUseCase;
import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.InstanceResult;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns keys into dashboard state and fleet actions: {@code q} quits; {@code a} (when an SGLang
 * backend exists) and {@code d} ask {@code (y/n)} first and run only on {@code y}; ↑/↓, {@code
 * k}/{@code j}, PgUp/PgDn, Home/End scroll. Actions run asynchronously; their results show as a
 * notice for a few seconds. Thread-safe: keys come from the render thread, results from whichever
 * thread completes the action.
 */
public final class DashboardController {
  /** How long a success notice stays. */
  static final Duration NOTICE_TIME = Duration.ofSeconds(5);

  /** How long a notice with failures stays, to leave time to read them. */
  static final Duration FAILURE_NOTICE_TIME = Duration.ofSeconds(15);

  private final ObserveFleetUseCase fleet;
  private final AbortAllUseCase abortAll;
  private final DestroyAllUseCase destroyAll;
  private final Runnable quit;
  private final Clock clock;
  private final AtomicReference<UiState> state = new AtomicReference<>(UiState.INITIAL);
  private final AtomicBoolean quitting = new AtomicBoolean();
  private volatile int maxScroll;
  private volatile int page = 1;

  /**
   * @param quit called once when the user asks to quit
   */
  public DashboardController(
      ObserveFleetUseCase fleet,
      AbortAllUseCase abortAll,
      DestroyAllUseCase destroyAll,
      Runnable quit,
      Clock clock) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.abortAll = Objects.requireNonNull(abortAll, "abortAll");
    this.destroyAll = Objects.requireNonNull(destroyAll, "destroyAll");
    this.quit = Objects.requireNonNull(quit, "quit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The state to draw now (a notice whose time is up is gone). */
  public UiState state() {
    return state.updateAndGet(current -> current.at(clock.instant()));
  }

  /** Learns how far the last frame could scroll, so scrolling stops at the ends. */
  public void fitted(Frame frame) {
    maxScroll = frame.maxScroll();
    page = Math.max(1, frame.viewportHeight());
    state.updateAndGet(
        current ->
            current.scroll() > frame.maxScroll() ? current.withScroll(frame.maxScroll()) : current);
  }

  /** Handles one key. */
  public void onKey(KeyStroke key) {
    if (state.get().prompt() != Prompt.NONE) {
      answer(key);
      return;
    }
    KeyType type = key.getKeyType();
    switch (type) {
      case ArrowUp:
        scrollBy(-1);
        return;
      case ArrowDown:
        scrollBy(1);
        return;
      case PageUp:
        scrollBy(-page);
        return;
      case PageDown:
        scrollBy(page);
        return;
      case Home:
        scrollBy(-Integer.MAX_VALUE / 2);
        return;
      case End:
        scrollBy(Integer.MAX_VALUE / 2);
        return;
      case Character:
        onCharacter(key);
        return;
      default:
    }
  }

  private void onCharacter(KeyStroke key) {
    char c = key.getCharacter();
    if (key.isCtrlDown() && (c == 'c' || c == 'C')) {
      requestQuit();
      return;
    }
    switch (c) {
      case 'q':
      case 'Q':
        requestQuit();
        return;
      case 'k':
        scrollBy(-1);
        return;
      case 'j':
        scrollBy(1);
        return;
      case 'a':
        ask(Prompt.ABORT_ALL);
        return;
      case 'd':
        ask(Prompt.DESTROY_ALL);
        return;
      default:
    }
  }

  private void requestQuit() {
    if (quitting.compareAndSet(false, true)) {
      state.updateAndGet(current -> current.withActivity(Optional.of("quitting...")));
      quit.run();
    }
  }

  private void scrollBy(int rows) {
    int limit = maxScroll;
    state.updateAndGet(
        current ->
            current.withScroll((int) Math.max(0, Math.min(limit, (long) current.scroll() + rows))));
  }

  private void ask(Prompt prompt) {
    VisibleFleet cards = VisibleFleet.of(fleet.observeFleet());
    if (prompt == Prompt.ABORT_ALL && !cards.hasAbortableEngine()) {
      return;
    }
    if (state.get().busy()) {
      notice("wait: the last action is still running", true);
      return;
    }
    if (prompt == Prompt.DESTROY_ALL && cards.destroyTargets() == 0) {
      notice("destroy all: no instance to destroy", false);
      return;
    }
    state.updateAndGet(current -> current.withPrompt(prompt));
  }

  private void answer(KeyStroke key) {
    Prompt prompt = state.getAndUpdate(current -> current.withPrompt(Prompt.NONE)).prompt();
    boolean yes =
        key.getKeyType() == KeyType.Character
            && !key.isCtrlDown()
            && (key.getCharacter() == 'y' || key.getCharacter() == 'Y');
    if (prompt == Prompt.ABORT_ALL) {
      if (yes) {
        run(
            "aborting all requests on the SGLang backends...",
            "abort all",
            abortAll::abortAll,
            ActionReport::aborted);
      } else {
        notice("abort all cancelled", false);
      }
    } else if (yes) {
      FleetView view = fleet.observeFleet();
      long targets = VisibleFleet.of(view).destroyTargets(view.guard());
      run(
          "destroying " + targets + (targets == 1 ? " instance..." : " instances..."),
          "destroy all",
          destroyAll::destroyAll,
          ActionReport::destroyed);
    } else {
      notice("destroy all cancelled: nothing was destroyed", false);
    }
  }

  private void run(
      String activity,
      String action,
      Supplier<CompletionStage<List<InstanceResult>>> start,
      Function<List<InstanceResult>, String> report) {
    state.updateAndGet(current -> current.withActivity(Optional.of(activity)));
    CompletionStage<List<InstanceResult>> stage;
    try {
      stage = start.get();
    } catch (RuntimeException e) {
      finish(ActionReport.failed(action, e), true);
      return;
    }
    stage.whenComplete(
        (results, error) -> {
          if (error != null) {
            finish(ActionReport.failed(action, error), true);
          } else {
            finish(report.apply(results), ActionReport.anyFailed(results));
          }
        });
  }

  private void finish(String text, boolean failure) {
    Notice done =
        new Notice(
            text, failure, clock.instant().plus(failure ? FAILURE_NOTICE_TIME : NOTICE_TIME));
    state.updateAndGet(current -> current.withActivity(Optional.empty()).withNotice(done));
  }

  private void notice(String text, boolean failure) {
    Notice notice =
        new Notice(
            text, failure, clock.instant().plus(failure ? FAILURE_NOTICE_TIME : NOTICE_TIME));
    state.updateAndGet(current -> current.withNotice(notice));
  }
}
