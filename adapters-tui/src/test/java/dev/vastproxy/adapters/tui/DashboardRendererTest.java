package dev.vastproxy.adapters.tui;

import static dev.vastproxy.adapters.tui.TestFleets.MODEL;
import static dev.vastproxy.adapters.tui.TestFleets.QUIET;
import static dev.vastproxy.adapters.tui.TestFleets.at;
import static dev.vastproxy.adapters.tui.TestFleets.gpu;
import static dev.vastproxy.adapters.tui.TestFleets.healthy;
import static dev.vastproxy.adapters.tui.TestFleets.inState;
import static dev.vastproxy.adapters.tui.TestFleets.screenshotFleet;
import static dev.vastproxy.adapters.tui.TestFleets.sglang;
import static dev.vastproxy.adapters.tui.TestFleets.view;
import static dev.vastproxy.adapters.tui.TestFleets.vllm;
import static dev.vastproxy.adapters.tui.TestFleets.withGpus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.RescueCounts;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.backend.StateReason;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.testing.Cards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardRendererTest {
  private static final TrafficSummary TRAFFIC = new TrafficSummary(1.25, 40, 0, 3);
  private final DashboardRenderer renderer = new DashboardRenderer(":8080");

  private Frame render(FleetView view, int width, int height) {
    return renderer.render(view, width, height, UiState.INITIAL);
  }

  @Test
  void drawsTheScreenshotFleetThreeCardsAcrossAt200Columns() {
    Frame frame = render(view(at(0), TRAFFIC, screenshotFleet()), 200, 18);

    assertThat(frame.grid().text())
        .isEqualTo(
            """
            Listening on :8080 | 7 backends (7 healthy) | 0% sticky | $3.50/h | 3 in flight | 1.3 req/s

              #31812887 RTX 5090x2  HEALTHY » 3m25s                 #31814215 RTX 5090x2  HEALTHY » 4m25s                 #31814222 RTX 5090x2  HEALTHY » 2m44s
                ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight    ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight    ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight
                GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  31°C   0.0/31.8G      GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  41°C   0.0/31.8G      GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  26°C   0.0/31.8G
                GPU1 ████████████████████ 100%  67°C  29.3/31.8G      GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  45°C   0.0/31.8G      GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  27°C   0.0/31.8G

              #31814239 RTX 5090x2  HEALTHY » 1m50s                 #31814345 RTX 5090x2  HEALTHY » 3m16s                 #31814346 RTX 5090x2  HEALTHY » 3m38s
                ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight    ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight    ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight
                GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  40°C   0.0/31.8G      GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  36°C   0.0/31.8G      GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  42°C   0.0/31.8G
                GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  37°C   0.0/31.8G      GPU1 ████████████████████ 100%  73°C  29.3/31.8G      GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  42°C   0.0/31.8G

              #31814473 RTX 5090x2  HEALTHY » 4m26s
                ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight
                GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  35°C   0.0/31.8G
                GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  37°C   0.0/31.8G

            Press a to abort all | d to destroy all | q to quit""");
    assertThat(frame.overflows()).isFalse();
    assertThat(frame.viewportHeight()).isEqualTo(14);
  }

  @Test
  void wrapsTheHeaderAndStacksCardsWithAScrollbarAt80Columns() {
    Frame frame = render(view(at(0), TRAFFIC, screenshotFleet()), 80, 24);

    assertThat(frame.grid().text())
        .isEqualTo(
            """
            Listening on :8080 | 7 backends (7 healthy) | 0% sticky | $3.50/h | 3 in flight
            1.3 req/s

              #31812887 RTX 5090x2  HEALTHY » 3m25s                                        █
                ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight                         █
                GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  31°C   0.0/31.8G                           █
                GPU1 ████████████████████ 100%  67°C  29.3/31.8G                           █
                                                                                           █
              #31814215 RTX 5090x2  HEALTHY » 4m25s                                        █
                ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight                         █
                GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  41°C   0.0/31.8G                           █
                GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  45°C   0.0/31.8G                           █
                                                                                           █
              #31814222 RTX 5090x2  HEALTHY » 2m44s                                        ░
                ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight                         ░
                GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  26°C   0.0/31.8G                           ░
                GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  27°C   0.0/31.8G                           ░
                                                                                           ░
              #31814239 RTX 5090x2  HEALTHY » 1m50s                                        ░
                ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ  0 in flight                         ░
                GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  40°C   0.0/31.8G                           ░
                GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  37°C   0.0/31.8G                           ░

            Press a to abort all | d to destroy all | q to quit | j/k to scroll""");
    assertThat(frame.overflows()).isTrue();
    assertThat(frame.maxScroll()).isEqualTo(34 - 19);
  }

  @Test
  void scrollingMovesTheCardsAndTheThumbAndStopsAtTheEnd() {
    FleetView view = view(at(0), TRAFFIC, screenshotFleet());

    Frame scrolled = renderer.render(view, 80, 24, UiState.INITIAL.withScroll(5));
    assertThat(scrolled.grid().row(3)).startsWith("  #31814215 RTX 5090x2  HEALTHY » 4m25s");
    assertThat(thumb(scrolled, 3, 19)).isEqualTo("░░░██████████░░░░░░");

    Frame end = renderer.render(view, 80, 24, UiState.INITIAL.withScroll(1_000));
    assertThat(end.scroll()).isEqualTo(15);
    assertThat(end.grid().row(21).stripTrailing())
        .isEqualTo(
            "    GPU1 ░░░░░░░░░░░░░░░░░░░░   0%  37°C   0.0/31.8G                           █");
    assertThat(thumb(end, 3, 19)).isEqualTo("░░░░░░░░░██████████");
  }

  private static String thumb(Frame frame, int top, int rows) {
    StringBuilder bar = new StringBuilder();
    for (int row = top; row < top + rows; row++) {
      bar.append(frame.grid().characterAt(frame.grid().width() - 1, row));
    }
    return bar.toString();
  }

  @ParameterizedTest(name = "{0} columns: {1} cards a row")
  @CsvSource({"40, 1", "80, 1", "108, 1", "109, 2", "162, 2", "163, 3", "200, 3", "217, 4"})
  void fitsAsManyCardsAcrossAsTheWidthAllows(int width, int across) {
    assertThat(CardLayout.columns(width)).isEqualTo(across);
    CardLayout layout = CardLayout.of(screenshotFleet(), width);
    assertThat(layout.placements().stream().filter(p -> p.row() == 0)).hasSize(across);
    assertThat(layout.placements().get(across - 1).column())
        .isEqualTo(2 + (across - 1) * (CardRenderer.WIDTH + 2));
  }

  @Test
  void aRowIsAsTallAsItsTallestCard() {
    Backend two =
        withGpus(healthy(sglang(1), at(-60)), SshPath.DIRECT, gpu(0, 1, 30), gpu(1, 1, 30));
    Backend four =
        withGpus(
            healthy(sglang(2), at(-60)),
            SshPath.DIRECT,
            gpu(0, 1, 30),
            gpu(1, 1, 30),
            gpu(2, 1, 30),
            gpu(3, 1, 30));
    Backend next = healthy(sglang(3), at(-60));

    CardLayout layout = CardLayout.of(List.of(two, four, next), 120);

    assertThat(layout.placements()).extracting(CardLayout.Placement::row).containsExactly(0, 0, 7);
    assertThat(layout.height()).isEqualTo(7 + 3);
  }

  @Test
  void leavesOutStickyUntilRequestsWereSeen() {
    FleetView quiet = view(at(0), QUIET, screenshotFleet());
    assertThat(render(quiet, 200, 10).grid().row(0).stripTrailing())
        .isEqualTo(
            "Listening on :8080 | 7 backends (7 healthy) | $3.50/h | 0 in flight | 0.0 req/s");

    FleetView sticky = view(at(0), new TrafficSummary(12.34, 8, 3, 17), screenshotFleet());
    assertThat(render(sticky, 200, 10).grid().row(0).stripTrailing())
        .isEqualTo(
            "Listening on :8080 | 7 backends (7 healthy) | 38% sticky | $3.50/h | 17 in flight"
                + " | 12.3 req/s");
  }

  @Test
  void showsRescuesOnceOneHappenedAndOnlyTheKindsThatDid() {
    FleetView resumed =
        view(
            at(0), new TrafficSummary(0, 0, 0, 0, new RescueCounts(0, 3, 0, 0)), screenshotFleet());
    assertThat(render(resumed, 200, 10).grid().row(0).stripTrailing())
        .endsWith("| 0.0 req/s | 3 resumed");

    FleetView all =
        view(
            at(0), new TrafficSummary(0, 0, 0, 0, new RescueCounts(2, 5, 1, 4)), screenshotFleet());
    assertThat(render(all, 250, 10).grid().row(0).stripTrailing())
        .endsWith("| 0.0 req/s | 2 retried | 5 resumed | 1 not resumable | 4 resume failed");

    FleetView retriedOnly =
        view(
            at(0), new TrafficSummary(0, 0, 0, 0, new RescueCounts(7, 0, 0, 0)), screenshotFleet());
    assertThat(render(retriedOnly, 200, 10).grid().row(0).stripTrailing())
        .endsWith("| 7 retried | 0 resumed");
  }

  @Test
  void countsHealthyCardsAndSaysBackendForOne() {
    FleetView one =
        view(at(0), QUIET, List.of(inState(sglang(5), BackendState.CONNECTING, at(-3))));
    assertThat(render(one, 200, 10).grid().row(0))
        .startsWith("Listening on :8080 | 1 backend (0 healthy) | $0.50/h");
  }

  @Test
  void paintsTheHeaderBoldBlue() {
    Frame frame = render(view(at(0), QUIET, screenshotFleet()), 200, 10);
    assertThat(frame.grid().styleAt(0, 0)).isEqualTo(Style.bold(Colour.BLUE));
  }

  @Test
  void showsTheDiscoveryProblemInRedUnderTheHeader() {
    FleetSnapshot failing =
        FleetSnapshot.empty()
            .withBackends(screenshotFleet())
            .withProblem(
                Optional.of(new FleetProblem("vast.ai: invalid API key", at(-130), 5, true)));
    Frame frame = render(new FleetView(failing, QUIET, at(0)), 200, 30);

    assertThat(frame.grid().row(1).stripTrailing())
        .isEqualTo(
            "vast.ai: invalid API key (discovery failing for 2m10s; showing the last known fleet)");
    assertThat(frame.grid().styleAt(0, 1)).isEqualTo(Style.bold(Colour.RED));
    assertThat(frame.grid().row(3)).startsWith("  #31812887 RTX 5090x2");

    TextGrid narrow = render(new FleetView(failing, QUIET, at(0)), 80, 30).grid();
    assertThat(narrow.row(1).stripTrailing())
        .isEqualTo("vast.ai: invalid API key (discovery failing for 2m10s; showing the last known");
    assertThat(narrow.row(2).stripTrailing()).isEqualTo("fleet)");
    assertThat(narrow.row(4)).startsWith("  #31812887 RTX 5090x2");
  }

  @Test
  void saysHowLongVastAiHasNotAnswered() {
    FleetSnapshot waiting =
        FleetSnapshot.empty()
            .withBackends(screenshotFleet())
            .withProblem(
                Optional.of(
                    new FleetProblem(
                        "vast.ai: API not answering (no reply within the 30s timeout);"
                            + " keeping the last known fleet",
                        at(-300),
                        3,
                        false,
                        Optional.of(at(-45)))));
    Frame frame = render(new FleetView(waiting, QUIET, at(0)), 200, 30);

    assertThat(frame.grid().row(1).stripTrailing())
        .isEqualTo(
            "vast.ai: API not answering (no reply within the 30s timeout);"
                + " keeping the last known fleet (no answer for 45s)");
    assertThat(frame.grid().styleAt(0, 1)).isEqualTo(Style.bold(Colour.RED));
  }

  @Test
  void saysSoWhenThereAreNoInstances() {
    Frame frame = render(view(at(0), QUIET, List.of()), 80, 10);
    assertThat(frame.grid().text())
        .isEqualTo(
            """
            Listening on :8080 | 0 backends (0 healthy) | $0.00/h | 0 in flight | 0.0 req/s

              Waiting for running instances on vast.ai...






            Press d to destroy all | q to quit""");
  }

  @Test
  void offersAbortOnlyWhenAnSglangBackendExists() {
    FleetView vllmOnly =
        view(at(0), QUIET, List.of(healthy(vllm(1), at(-5)), healthy(vllm(2), at(-5))));
    assertThat(render(vllmOnly, 200, 12).grid().row(11).stripTrailing())
        .isEqualTo("Press d to destroy all | q to quit");

    FleetView mixed =
        view(
            at(0),
            QUIET,
            List.of(healthy(vllm(1), at(-5)), inState(sglang(2), BackendState.CONNECTING, at(-5))));
    assertThat(render(mixed, 200, 12).grid().row(11).stripTrailing())
        .isEqualTo("Press a to abort all | d to destroy all | q to quit");
  }

  @Test
  void keepsRemovingCardsFor30Seconds() {
    Backend removing = inState(sglang(7), BackendState.REMOVING, at(-29));
    Backend healthy = healthy(sglang(8), at(-100));

    Frame shown = render(view(at(0), QUIET, List.of(removing, healthy)), 200, 20);
    assertThat(shown.grid().text()).contains("#7 RTX 5090x2  REMOVING ? 29s");
    assertThat(shown.grid().row(0)).contains("2 backends (1 healthy)");

    Frame gone = render(view(at(1), QUIET, List.of(removing, healthy)), 200, 20);
    assertThat(gone.grid().text()).doesNotContain("#7 ");
    assertThat(gone.grid().row(2)).startsWith("  #8 RTX 5090x2  HEALTHY ? 1m41s");
    assertThat(gone.grid().row(0)).contains("1 backend (1 healthy)");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "HEALTHY, GREEN",
    "UNHEALTHY, RED",
    "CONNECTING, YELLOW",
    "DISCOVERED, YELLOW",
    "REMOVING, ORANGE"
  })
  void paintsEachStateInItsColour(BackendState state, Colour colour) {
    Frame frame = render(view(at(0), QUIET, List.of(inState(sglang(42), state, at(-3)))), 80, 12);

    String header = frame.grid().row(2);
    int column = header.indexOf(state.name());
    assertThat(header).startsWith("  #42 RTX 5090x2  " + state.name() + " ? 3s");
    for (int i = 0; i < state.name().length(); i++) {
      assertThat(frame.grid().styleAt(column + i, 2)).isEqualTo(Style.of(colour));
    }
    assertThat(frame.grid().styleAt(header.indexOf("3s"), 2)).isEqualTo(Style.of(Colour.GREY));
    int dot = frame.grid().row(3).indexOf('●');
    assertThat(frame.grid().styleAt(dot, 3))
        .isEqualTo(Style.of(state == BackendState.HEALTHY ? Colour.GREEN : Colour.RED));
  }

  @Test
  void drawsTheSshPathIcons() {
    List<Backend> fleet = new ArrayList<>();
    fleet.add(withGpus(healthy(sglang(1), at(-45)), SshPath.DIRECT, gpu(0, 1, 30)));
    fleet.add(withGpus(healthy(sglang(2), at(-45)), SshPath.PROXY, gpu(0, 1, 30)));
    fleet.add(healthy(sglang(3), at(-45)));
    String text = render(view(at(0), QUIET, fleet), 200, 12).grid().text();
    assertThat(text)
        .contains("#1 RTX 5090x2  HEALTHY » 45s")
        .contains("#2 RTX 5090x2  HEALTHY ~ 45s")
        .contains("#3 RTX 5090x2  HEALTHY ? 45s");
  }

  @Test
  void showsDiscoveringUntilTheModelIsKnownAndTheInFlightCount() {
    Backend connecting = inState(sglang(9), BackendState.CONNECTING, at(-12));
    Backend busy = healthy(sglang(10), at(-12));
    busy.load().begin();
    busy.load().begin();

    TextGrid grid = render(view(at(0), QUIET, List.of(connecting, busy)), 80, 20).grid();

    assertThat(grid.row(3).stripTrailing())
        .isEqualTo("    ● (discovering...)                     0 in flight");
    assertThat(grid.styleAt(6, 3)).isEqualTo(Style.of(Colour.GREY));
    assertThat(grid.row(4).stripTrailing()).isEqualTo("    ↳ probing: first health check");
    assertThat(grid.row(8).stripTrailing()).isEqualTo("    ● " + MODEL + "  2 in flight");
    assertThat(grid.styleAt(grid.row(8).indexOf("2 in flight"), 8)).isEqualTo(Style.PLAIN);
  }

  @Test
  void saysWhyABackendIsNotHealthy() {
    Backend refused =
        healthy(sglang(11), at(-30))
            .markFailed(
                at(-5),
                StateReason.of(
                    StateReason.Cause.PROBE_AUTH, "HTTP 401: the instance refused its token"));

    TextGrid grid = render(view(at(0), QUIET, List.of(refused)), 80, 20).grid();

    assertThat(grid.row(4).stripTrailing())
        .isEqualTo("    ↳ probe refused token: HTTP 401: the instance r...");
    assertThat(grid.styleAt(4, 4)).isEqualTo(Style.of(Colour.RED));
    assertThat(grid.row(5)).contains("GPU");
  }

  @Test
  void cutsAModelIdThatDoesNotFit() {
    Backend backend =
        Backend.discovered(sglang(11).build(), Transport.DIRECT, at(-1))
            .markHealthy(Cards.of("meta-llama/Llama-3.3-70B-Instruct-FP8-dynamic"), at(-1));
    backend.load().begin();
    String line =
        render(view(at(0), QUIET, List.of(backend)), 80, 10).grid().row(3).stripTrailing();
    assertThat(line).isEqualTo("    ● meta-llama/Llama-3.3-70B-Instruc...  1 in flight");
    assertThat(line.length()).isEqualTo(CardLayout.MARGIN + CardRenderer.WIDTH);
  }

  @Test
  void cutsALongGpuNameSoStateAndTimeStayOnTheCard() {
    Backend backend =
        inState(
            sglang(31812887).gpuName("RTX PRO 6000 Blackwell Workstation Edition").gpuCount(8),
            BackendState.UNHEALTHY,
            at(-93_784));
    String header =
        render(view(at(0), QUIET, List.of(backend)), 80, 10).grid().row(2).stripTrailing();
    assertThat(header).isEqualTo("  #31812887 RTX PRO 6000 Blac...x8  UNHEALTHY ? 26h03m");
    assertThat(header.length()).isEqualTo(CardLayout.MARGIN + CardRenderer.WIDTH);
  }

  @Test
  void fallsBackToVastsAggregateFiguresWithoutSshReadings() {
    Backend noSsh = healthy(sglang(12).gpuUtilization(63.4).gpuTemperature(58), at(-5));
    Backend nothing = healthy(sglang(13).gpuName("").gpuCount(0), at(-5));

    TextGrid grid = render(view(at(0), QUIET, List.of(noSsh, nothing)), 80, 20).grid();

    assertThat(grid.row(4).stripTrailing()).isEqualTo("    GPU  █████████████░░░░░░░  63%  58°C");
    assertThat(grid.styleAt(9, 4)).isEqualTo(new Style(Colour.YELLOW, Colour.YELLOW, false));
    assertThat(grid.row(6)).startsWith("  #13 unknown GPU  HEALTHY ? 5s");
    assertThat(grid.row(8).stripTrailing()).isEqualTo("    GPU  ░░░░░░░░░░░░░░░░░░░░   ?%   ?°C");
  }

  @Test
  void asksBeforeAbortingAndDestroyingAndShowsNotices() {
    FleetView view =
        view(
            at(0),
            QUIET,
            List.of(
                healthy(sglang(1), at(-5)), healthy(sglang(2), at(-5)), healthy(vllm(3), at(-5))));

    Frame abort = renderer.render(view, 100, 12, UiState.INITIAL.withPrompt(Prompt.ABORT_ALL));
    assertThat(abort.grid().row(11).stripTrailing())
        .isEqualTo("Abort all requests on 2 SGLang backends? (y/n)");
    assertThat(abort.grid().styleAt(0, 11)).isEqualTo(Style.bold(Colour.YELLOW));

    Frame destroy = renderer.render(view, 100, 12, UiState.INITIAL.withPrompt(Prompt.DESTROY_ALL));
    assertThat(destroy.grid().row(11).stripTrailing())
        .isEqualTo("Destroy all 3 instances on vast.ai? This is irreversible. (y/n)");
    assertThat(destroy.grid().styleAt(0, 11)).isEqualTo(Style.bold(Colour.RED));

    Frame busy =
        renderer.render(
            view, 100, 12, UiState.INITIAL.withActivity(Optional.of("destroying 3 instances...")));
    assertThat(busy.grid().row(10).stripTrailing()).isEqualTo("destroying 3 instances...");
    assertThat(busy.grid().styleAt(0, 10)).isEqualTo(Style.of(Colour.YELLOW));

    Frame failed =
        renderer.render(
            view,
            100,
            12,
            UiState.INITIAL.withNotice(
                new Notice("destroyed 2 of 3 instances; #1: HTTP 500", true, at(9))));
    assertThat(failed.grid().row(10).stripTrailing())
        .isEqualTo("destroyed 2 of 3 instances; #1: HTTP 500");
    assertThat(failed.grid().styleAt(0, 10)).isEqualTo(Style.of(Colour.RED));

    Frame ok =
        renderer.render(
            view,
            100,
            12,
            UiState.INITIAL.withNotice(new Notice("aborted on 2 of 2 backends", false, at(9))));
    assertThat(ok.grid().styleAt(0, 10)).isEqualTo(Style.of(Colour.GREEN));
  }

  @Test
  void rendersAHundredInstancesQuickly() {
    List<Backend> fleet = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      fleet.add(
          withGpus(
              healthy(sglang(i), at(-i)), SshPath.DIRECT, gpu(0, i % 101, 40), gpu(1, 50, 50)));
    }
    FleetView view = view(at(0), TRAFFIC, fleet);

    Frame frame = render(view, 200, 50);
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      render(view, 200, 50);
    }
    Duration perFrame = Duration.ofNanos((System.nanoTime() - started) / 100);

    assertThat(frame.maxScroll()).isEqualTo(34 * 5 - 1 - 46);
    assertThat(perFrame).isLessThan(Duration.ofMillis(100));
  }

  @Test
  void drawsNothingOutsideATinyScreen() {
    Frame frame = render(view(at(0), TRAFFIC, screenshotFleet()), 10, 2);
    assertThat(frame.viewportHeight()).isZero();
    assertThat(frame.grid().row(0)).isEqualTo("Listening ");
    assertThat(frame.grid().row(1)).isEqualTo("Press a to");
  }
}
