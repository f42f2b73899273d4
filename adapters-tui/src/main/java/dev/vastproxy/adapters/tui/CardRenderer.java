package dev.vastproxy.adapters.tui;

import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.backend.GpuReading;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Draws one backend as a card of fixed width:
 *
 * <pre>
 * #31812887 RTX 5090x2  HEALTHY » 3m25s
 *   ● QuantTrio/Qwen3-VL-32B-Thinking-AWQ           2 in flight
 *   GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  31°C   0.5/31.8G
 *   GPU1 ████████████████████ 100%  67°C  30.1/31.8G
 *   run   2  wait   0  KV  40%    96 tok/s
 * </pre>
 *
 * <p>A backend that is not healthy has a line under its model saying why, e.g. {@code ↳ probe
 * refused token: HTTP 401: the instance refused its token}.
 */
public final class CardRenderer {
  /** Columns of every card. */
  public static final int WIDTH = 52;

  private static final int INDENT = 2;
  private static final String DOT = "●";
  private static final String DISCOVERING = "(discovering...)";
  private static final String CUT = "...";
  private static final String REASON = "↳ ";

  private CardRenderer() {}

  /**
   * Rows of a backend's card: header, model, why (unless healthy), one row per GPU (at least one),
   * the engine's load when healthy, and its tokens and their cost once it served any.
   */
  public static int height(Backend backend) {
    return rowsAboveCost(backend) + (CostLine.shown(backend) ? 1 : 0);
  }

  private static int rowsAboveCost(Backend backend) {
    return gpuRow(backend)
        + Math.max(1, backend.gpu().readings().size())
        + (EngineLoadLine.shown(backend) ? 1 : 0);
  }

  /** Rows of a card with the money guards' line (idle countdown, alerts) when it has one. */
  public static int height(Backend backend, Optional<InstanceGuard> guard) {
    return height(backend) + (GuardLine.shown(guard) ? 1 : 0);
  }

  /** The card of a backend with the money guards' line under the rest, when it has one. */
  public static TextGrid render(Backend backend, Instant now, Optional<InstanceGuard> guard) {
    if (!GuardLine.shown(guard)) {
      return render(backend, now);
    }
    TextGrid card = new TextGrid(WIDTH, height(backend, guard));
    card.draw(render(backend, now), 0, 0);
    GuardLine.draw(card, guard.get(), INDENT, height(backend), now);
    return card;
  }

  /** The row of the first GPU line: under the reason line, when there is one. */
  private static int gpuRow(Backend backend) {
    return backend.state() == BackendState.HEALTHY ? 2 : 3;
  }

  /** The card of a backend, with times in state taken at {@code now}. */
  public static TextGrid render(Backend backend, Instant now) {
    // Read once: the counters move while the card is drawn (and a count never goes back to zero).
    boolean cost = CostLine.shown(backend);
    TextGrid card = new TextGrid(WIDTH, rowsAboveCost(backend) + (cost ? 1 : 0));
    drawHeader(card, backend, now);
    drawModel(card, backend);
    drawReason(card, backend);
    drawGpus(card, backend);
    if (EngineLoadLine.shown(backend)) {
      EngineLoadLine.draw(
          card, backend, INDENT, gpuRow(backend) + Math.max(1, backend.gpu().readings().size()));
    }
    if (cost) {
      CostLine.draw(card, backend, now, INDENT, card.height() - 1);
    }
    return card;
  }

  /** The colour of a state: HEALTHY green, UNHEALTHY red, REMOVING orange, others yellow. */
  public static Colour stateColour(BackendState state) {
    switch (state) {
      case HEALTHY:
        return Colour.GREEN;
      case UNHEALTHY:
        return Colour.RED;
      case REMOVING:
        return Colour.ORANGE;
      default:
        return Colour.YELLOW;
    }
  }

  private static void drawHeader(TextGrid card, Backend backend, Instant now) {
    String gpuName =
        backend.instance().gpuName().isEmpty() ? "unknown GPU" : backend.instance().gpuName();
    int count = backend.instance().gpuCount();
    String gpus = count > 0 ? "x" + count : "";
    String state = backend.state().name();
    String icon = " " + SshIcon.of(backend.gpu().path()) + " ";
    String time = ElapsedText.format(backend.timeInState(now));
    String id = "#" + backend.id() + " ";
    int room =
        WIDTH - id.length() - gpus.length() - 2 - state.length() - icon.length() - time.length();
    if (gpuName.length() > room) {
      gpuName = gpuName.substring(0, Math.max(0, room - CUT.length())) + CUT;
    }
    int x = card.put(0, 0, id + gpuName + gpus + "  ", Style.PLAIN);
    x = card.put(x, 0, state, Style.of(stateColour(backend.state())));
    x = card.put(x, 0, icon, Style.PLAIN);
    card.put(x, 0, time, Style.of(Colour.GREY));
  }

  private static void drawModel(TextGrid card, Backend backend) {
    boolean healthy = backend.state() == BackendState.HEALTHY;
    int x = card.put(INDENT, 1, DOT, Style.of(healthy ? Colour.GREEN : Colour.RED)) + 1;
    int inFlight = backend.load().inFlight();
    String load = inFlight + " in flight";
    int loadColumn = WIDTH - load.length();
    String model = backend.primaryModel().orElse(DISCOVERING);
    int room = loadColumn - 2 - x;
    if (model.length() > room) {
      model = model.substring(0, Math.max(0, room - CUT.length())) + CUT;
    }
    card.put(x, 1, model, backend.primaryModel().isPresent() ? Style.PLAIN : Style.of(Colour.GREY));
    card.put(loadColumn, 1, load, inFlight > 0 ? Style.PLAIN : Style.of(Colour.GREY));
  }

  /** Why a backend that takes no traffic is where it is, so a wrong token shows as such. */
  private static void drawReason(TextGrid card, Backend backend) {
    if (gpuRow(backend) == 2) {
      return;
    }
    String why = REASON + backend.reason().describe();
    int room = WIDTH - INDENT;
    if (why.length() > room) {
      why = why.substring(0, room - CUT.length()) + CUT;
    }
    card.put(INDENT, 2, why, Style.of(stateColour(backend.state())));
  }

  private static void drawGpus(TextGrid card, Backend backend) {
    List<GpuReading> readings = backend.gpu().readings();
    int top = gpuRow(backend);
    if (readings.isEmpty()) {
      GpuLine.aggregate(backend.instance()).draw(card, INDENT, top, "GPU0".length());
      return;
    }
    int widestIndex = readings.stream().mapToInt(GpuReading::index).max().orElse(0);
    int labelWidth = "GPU".length() + Integer.toString(widestIndex).length();
    for (int i = 0; i < readings.size(); i++) {
      GpuLine.of(readings.get(i)).draw(card, INDENT, top + i, labelWidth);
    }
  }
}
