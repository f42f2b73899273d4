package dev.vastproxy.adapters.tui;

import static dev.vastproxy.adapters.tui.TestFleets.at;
import static dev.vastproxy.adapters.tui.TestFleets.gpu;
import static dev.vastproxy.adapters.tui.TestFleets.healthy;
import static dev.vastproxy.adapters.tui.TestFleets.screenshotFleet;
import static dev.vastproxy.adapters.tui.TestFleets.view;
import static dev.vastproxy.adapters.tui.TestFleets.vllm;
import static dev.vastproxy.adapters.tui.TestFleets.withGpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LanternaDashboardTest {
  private static final TrafficSummary TRAFFIC = new TrafficSummary(1.25, 40, 0, 3);
  private static final String HEADER =
      "Listening on :8080 | 7 backends (7 healthy) | 0% sticky | $3.50/h | 3 in flight"
          + " | 1.3 req/s";
  private static final String FOOTER = "Press a to abort all | d to destroy all | q to quit";

  private final CountingTerminal terminal = new CountingTerminal(200, 50);
  private final MutableClock clock = new MutableClock(at(0));
  private final FakeFleetActions actions = new FakeFleetActions();
  private final AtomicInteger quits = new AtomicInteger();
  private final AtomicInteger observed = new AtomicInteger();
  private final AtomicReference<FleetView> fleet =
      new AtomicReference<>(view(at(0), TRAFFIC, screenshotFleet()));
  private final LanternaDashboard dashboard =
      new LanternaDashboard(
          () -> {
            observed.incrementAndGet();
            return fleet.get();
          },
          actions,
          actions,
          ":8080",
          quits::incrementAndGet,
          clock,
          terminal);

  @AfterEach
  void stop() {
    dashboard.stop();
  }

  private void type(char... keys) {
    for (char c : keys) {
      terminal.addInput(new KeyStroke(c, false, false));
    }
  }

  private void awaitRow(int row, String text) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(terminal.row(row)).isEqualTo(text));
  }

  private void awaitFrames(int frames) {
    int target = observed.get() + frames;
    await().atMost(Duration.ofSeconds(10)).until(() -> observed.get() >= target);
  }

  @Test
  void drawsTheFleetIntoTheTerminalInColour() {
    dashboard.start();

    awaitRow(0, HEADER);
    awaitRow(49, FOOTER);
    assertThat(terminal.row(2)).startsWith("  #31812887 RTX 5090x2  HEALTHY » 3m25s");
    assertThat(terminal.row(5))
        .isEqualTo(
            "    GPU1 ████████████████████ 100%  67°C  29.3/31.8G      GPU1 ░░░░░░░░░░░░░░░░░░░░"
                + "   0%  45°C   0.0/31.8G      GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  27°C   0.0/31.8G");
    assertThat(terminal.cell(0, 0).getForegroundColor()).isEqualTo(TextColor.ANSI.BLUE_BRIGHT);
    assertThat(terminal.cell(0, 0).isBold()).isTrue();
    assertThat(terminal.cell(24, 2).getForegroundColor()).isEqualTo(TextColor.ANSI.GREEN_BRIGHT);
    assertThat(terminal.cell(9, 5).getForegroundColor()).isEqualTo(TextColor.ANSI.RED_BRIGHT);
    assertThat(terminal.isCursorVisible()).isFalse();
  }

  @Test
  void sendsOnlyChangedCellsAndNeverClearsBetweenFrames() {
    dashboard.start();
    awaitRow(0, HEADER);
    awaitFrames(2);
    int clears = terminal.clears.get();
    int characters = terminal.characters.get();

    awaitFrames(3);
    assertThat(terminal.characters.get()).isEqualTo(characters);

    List<Backend> changed = new ArrayList<>(screenshotFleet());
    changed.set(1, withGpus(changed.get(1), SshPath.DIRECT, gpu(0, 55, 41), gpu(1, 0, 45)));
    fleet.set(view(at(0), TRAFFIC, changed));
    awaitRow(
        4,
        terminal
            .row(4)
            .replace(
                "GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  41°C   0.0/31.8G",
                "GPU0 ███████████░░░░░░░░░  55%  41°C  16.1/31.8G"));

    assertThat(terminal.characters.get() - characters).isBetween(1, 40);
    assertThat(terminal.clears).hasValue(clears);
  }

  @Test
  void followsTheFleetAsItChanges() {
    dashboard.start();
    awaitRow(0, HEADER);

    fleet.set(view(at(60), TRAFFIC, List.of(healthy(vllm(4), at(0)))));

    awaitRow(
        0,
        "Listening on :8080 | 1 backend (1 healthy) | 0% sticky | $0.50/h | 3 in flight | 1.3 req/s");
    assertThat(terminal.row(2)).isEqualTo("  #4 RTX 5090x2  HEALTHY ? 1m00s");
    awaitRow(49, "Press d to destroy all | q to quit");
  }

  @Test
  void destroyAsksFirstAndNoDestroysNothing() {
    dashboard.start();
    awaitRow(49, FOOTER);

    type('d');
    awaitRow(49, "Destroy all 7 instances on vast.ai? This is irreversible. (y/n)");
    type('n');

    awaitRow(48, "destroy all cancelled: nothing was destroyed");
    awaitRow(49, FOOTER);
    assertThat(actions.destroys).hasValue(0);
  }

  @Test
  void destroyThenYesDestroysOnceAndShowsTheResult() {
    dashboard.start();
    awaitRow(49, FOOTER);

    type('d', 'y');

    awaitRow(48, "destroying 7 instances...");
    assertThat(actions.destroys).hasValue(1);
    actions.destroyResult.complete(List.of());
    awaitRow(48, "destroy all: no instance to destroy");
    assertThat(actions.destroys).hasValue(1);
  }

  @Test
  void scrollsWithKeysWhenTheCardsOverflow() {
    terminal.setTerminalSize(new TerminalSize(80, 24));
    dashboard.start();
    awaitRow(23, FOOTER + " | j/k to scroll");
    assertThat(terminal.row(3)).startsWith("  #31812887");

    terminal.addInput(new KeyStroke(KeyType.ArrowDown));
    type('j', 'j', 'j', 'j');

    awaitRow(3, "  #31814215 RTX 5090x2  HEALTHY » 4m25s                                        ░");
  }

  @Test
  void relaysTheCardsWhenTheTerminalIsResized() {
    dashboard.start();
    awaitRow(0, HEADER);

    terminal.setTerminalSize(new TerminalSize(120, 30));

    awaitRow(
        2,
        "  #31812887 RTX 5090x2  HEALTHY » 3m25s                 #31814215 RTX 5090x2  HEALTHY »"
            + " 4m25s");
    awaitRow(29, FOOTER);
    assertThat(terminal.row(0)).isEqualTo(HEADER);
  }

  @Test
  void quitCallsTheCallbackWhichMayStopTheDashboard() {
    AtomicReference<LanternaDashboard> self = new AtomicReference<>();
    AtomicInteger calls = new AtomicInteger();
    LanternaDashboard quitting =
        new LanternaDashboard(
            fleet::get,
            actions,
            actions,
            ":8080",
            () -> {
              calls.incrementAndGet();
              self.get().stop();
            },
            clock,
            terminal);
    self.set(quitting);
    quitting.start();
    awaitRow(0, HEADER);

    type('q', 'q');

    await().atMost(Duration.ofSeconds(10)).until(() -> !quitting.isRunning());
    assertThat(calls).hasValue(1);
    quitting.stop();
  }

  @Test
  void keepsDrawingWhenAFrameFailsOrInputEnds() {
    AtomicInteger calls = new AtomicInteger();
    LanternaDashboard flaky =
        new LanternaDashboard(
            () -> {
              if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("not yet");
              }
              return fleet.get();
            },
            actions,
            actions,
            ":8080",
            () -> {},
            clock,
            terminal);
    terminal.addInput(new KeyStroke(KeyType.EOF));
    flaky.start();

    awaitRow(0, HEADER);
    assertThat(flaky.isRunning()).isTrue();
    flaky.stop();
    assertThat(flaky.isRunning()).isFalse();
  }

  @Test
  void startsOnceAndStopsQuietlyTwice() {
    dashboard.start();
    assertThatThrownBy(dashboard::start).isInstanceOf(IllegalStateException.class);
    dashboard.close();
    dashboard.stop();
    assertThat(dashboard.isRunning()).isFalse();
  }
}
