package dev.vastproxy.bootstrap.runtime;

import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import dev.vastproxy.adapters.tui.LanternaDashboard;
import dev.vastproxy.bootstrap.wiring.VastProxyComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** The dashboard on this process's terminal, and giving the terminal back when it ends. */
public final class DashboardSession implements AutoCloseable {
  private final LanternaDashboard dashboard;
  private final Terminal terminal;

  private DashboardSession(LanternaDashboard dashboard, Terminal terminal) {
    this.dashboard = dashboard;
    this.terminal = terminal;
  }

  /**
   * Shows the dashboard; {@code quit} runs when the user presses q.
   *
   * @return empty when the terminal cannot be used (the proxy then runs on without it)
   */
  public static Optional<DashboardSession> open(
      VastProxyComponent component, String listening, Runnable quit) {
    try {
      Terminal terminal =
          new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
              .setForceTextTerminal(true)
              .createTerminal();
      LanternaDashboard dashboard =
          new LanternaDashboard(
              component.observeFleet(),
              component.abortAll(),
              component.destroyAll(),
              listening,
              quit,
              Clock.systemUTC(),
              terminal);
      dashboard.start();
      return Optional.of(new DashboardSession(dashboard, terminal));
    } catch (IOException e) {
      System.getLogger(DashboardSession.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "no dashboard: the terminal cannot be used ({0})",
              e.getMessage());
      return Optional.empty();
    }
  }

  /** Leaves the screen and gives the terminal back as it was. */
  @Override
  public void close() {
    dashboard.stop();
    try {
      terminal.close();
    } catch (IOException e) {
      // the terminal is gone anyway
    }
  }
}
