package dev.vastproxy.adapters.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import dev.vastproxy.application.port.in.AbortAllUseCase;
import dev.vastproxy.application.port.in.DestroyAllUseCase;
import dev.vastproxy.application.port.in.ObserveFleetUseCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The terminal dashboard on Lanterna's screen layer. One daemon thread polls keys every {@value
 * #INPUT_POLL_MILLIS} ms and draws a frame from a fresh fleet snapshot four times a second (and at
 * once after a key or a resize). Frames go to the screen's back buffer and only the changed cells
 * are sent to the terminal, so a big fleet neither flickers nor costs more than the cells that
 * changed. Reading the fleet is a lock-free use-case call and fleet actions are asynchronous, so
 * the dashboard never holds up the proxy or the fleet loops.
 *
 * <p>The quit callback runs on a thread of its own, so it may call {@link #stop()} and wait for
 * in-flight requests to drain while the dashboard keeps drawing. The terminal belongs to the
 * caller: {@link #stop()} leaves the screen and restores the terminal's mode, the caller closes it.
 */
public final class LanternaDashboard implements AutoCloseable {
  /** How often keys are read. */
  static final long INPUT_POLL_MILLIS = 20;

  /** How often a frame is drawn without a key or a resize. */
  static final Duration FRAME_INTERVAL = Duration.ofMillis(250);

  private static final System.Logger LOG = System.getLogger(LanternaDashboard.class.getName());
  private static final long JOIN_MILLIS = 2_000;

  private final ObserveFleetUseCase fleet;
  private final DashboardRenderer renderer;
  private final DashboardController controller;
  private final Terminal terminal;
  private Screen screen;
  private Thread thread;
  private volatile boolean running;
  private boolean inputOpen = true;
  private long failures;

  /**
   * @param fleet where frames come from
   * @param abortAll run on {@code a}, {@code y}
   * @param destroyAll run on {@code d}, {@code y}
   * @param listen where the proxy listens, as the header shows it (e.g. {@code :8080})
   * @param quit run once, on a thread of its own, when the user presses {@code q}
   * @param clock for how long notices stay
   * @param terminal where to draw: a real terminal, or a virtual one in tests
   */
  public LanternaDashboard(
      ObserveFleetUseCase fleet,
      AbortAllUseCase abortAll,
      DestroyAllUseCase destroyAll,
      String listen,
      Runnable quit,
      Clock clock,
      Terminal terminal) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.renderer = new DashboardRenderer(listen);
    Objects.requireNonNull(quit, "quit");
    this.controller =
        new DashboardController(
            fleet,
            abortAll,
            destroyAll,
            () -> {
              Thread quitter = new Thread(quit, "vastproxy-dashboard-quit");
              quitter.start();
            },
            clock);
    this.terminal = Objects.requireNonNull(terminal, "terminal");
  }

  /** Takes over the terminal and starts drawing. */
  public synchronized void start() {
    if (screen != null) {
      throw new IllegalStateException("the dashboard was started already");
    }
    try {
      screen = new TerminalScreen(terminal);
      screen.startScreen();
      screen.setCursorPosition(null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the dashboard on the terminal", e);
    }
    running = true;
    thread = new Thread(this::loop, "vastproxy-dashboard");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops drawing and gives the terminal back; safe to call more than once, from any thread. */
  public void stop() {
    Thread loop;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      loop = thread;
    }
    if (loop != Thread.currentThread()) {
      LockSupport.unpark(loop);
      try {
        loop.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      try {
        screen.stopScreen();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not give the terminal back: {0}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Whether the dashboard is drawing. */
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    long nextFrame = System.nanoTime();
    while (running) {
      try {
        boolean keys = readKeys();
        TerminalSize resized = screen.doResizeIfNecessary();
        long now = System.nanoTime();
        if (keys || resized != null || now - nextFrame >= 0) {
          drawFrame(resized != null);
          nextFrame = now + FRAME_INTERVAL.toNanos();
        }
      } catch (IOException | RuntimeException e) {
        failures++;
        if (Long.bitCount(failures) == 1) {
          LOG.log(Level.WARNING, "dashboard frame failed (" + failures + " so far)", e);
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INPUT_POLL_MILLIS));
    }
  }

  /** Hands every waiting key to the controller; tells whether there was any. */
  private boolean readKeys() throws IOException {
    boolean any = false;
    while (inputOpen && running) {
      KeyStroke key = screen.pollInput();
      if (key == null) {
        break;
      }
      if (key.getKeyType() == KeyType.EOF) {
        inputOpen = false;
        break;
      }
      any = true;
      controller.onKey(key);
    }
    return any;
  }

  /**
   * Draws one frame from a fresh snapshot, sending only the changed cells; after a resize the whole
   * screen is sent once, since the terminal has reflowed what it showed.
   */
  private synchronized void drawFrame(boolean resized) throws IOException {
    if (!running) {
      return;
    }
    TerminalSize size = screen.getTerminalSize();
    Frame frame =
        renderer.render(
            fleet.observeFleet(), size.getColumns(), size.getRows(), controller.state());
    controller.fitted(frame);
    TextGrid grid = frame.grid();
    for (int row = 0; row < grid.height(); row++) {
      for (int column = 0; column < grid.width(); column++) {
        screen.setCharacter(
            column, row, cell(grid.characterAt(column, row), grid.styleAt(column, row)));
      }
    }
    screen.refresh(resized ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
  }

  private static TextCharacter cell(char character, Style style) {
    TextCharacter[] cells =
        style.bold()
            ? TextCharacter.fromCharacter(
                character,
                style.foreground().terminalColour(),
                style.background().terminalColour(),
                SGR.BOLD)
            : TextCharacter.fromCharacter(
                character,
                style.foreground().terminalColour(),
                style.background().terminalColour());
    return cells[0];
  }
}
