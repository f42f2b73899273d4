package dev.vastproxy.adapters.tui;

import dev.vastproxy.domain.backend.GpuReading;
import dev.vastproxy.domain.instance.Instance;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One GPU row of a card: {@code GPU0 <20-cell bar> 100% 67°C 30.1/31.8G}, numbers right-aligned in
 * fixed widths so the columns of every row and every card line up. Unknown figures show as {@code
 * ?}; unknown memory is left out.
 *
 * @param label {@code GPU<index>}, or {@code GPU} for vast.ai's whole-instance figures
 * @param utilization busy percent
 * @param temperature °C
 * @param memoryUsedMib memory in use
 * @param memoryTotalMib memory installed
 */
public record GpuLine(
    String label,
    OptionalDouble utilization,
    OptionalDouble temperature,
    OptionalLong memoryUsedMib,
    OptionalLong memoryTotalMib) {

  /** Cells in a load bar. */
  public static final int BAR_CELLS = 20;

  /** A filled bar cell. */
  public static final char FILLED = '█';

  /** An empty bar cell. */
  public static final char EMPTY = '░';

  /** The width of the memory column, {@code 141/141G} or {@code 79.6/79.6G} at most. */
  static final int MEMORY_WIDTH = 10;

  private static final double MIB_PER_GIB = 1024;
  private static final int YELLOW_FROM = 50;
  private static final int RED_FROM = 80;

  public GpuLine {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(utilization, "utilization");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(memoryUsedMib, "memoryUsedMib");
    Objects.requireNonNull(memoryTotalMib, "memoryTotalMib");
  }

  /** The row of one GPU read over SSH. */
  public static GpuLine of(GpuReading reading) {
    return new GpuLine(
        "GPU" + reading.index(),
        reading.utilization(),
        reading.temperature(),
        reading.memoryUsedMib(),
        reading.memoryTotalMib());
  }

  /** The single row of vast.ai's own figures, for an instance without SSH readings. */
  public static GpuLine aggregate(Instance instance) {
    return new GpuLine(
        "GPU",
        instance.gpuUtilization(),
        instance.gpuTemperature(),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  /** The bar colour of a load: green below 50 %, yellow below 80 %, red from 80 % on. */
  public static Colour loadColour(long percent) {
    if (percent >= RED_FROM) {
      return Colour.RED;
    }
    return percent >= YELLOW_FROM ? Colour.YELLOW : Colour.GREEN;
  }

  /** How many of the bar's cells a load fills, rounded to the nearest cell. */
  public static int filledCells(long percent) {
    long clamped = Math.max(0, Math.min(100, percent));
    return (int) ((clamped * BAR_CELLS + 50) / 100);
  }

  /**
   * Draws the row.
   *
   * @param labelWidth the width of the widest label on the card, so bars line up
   */
  public void draw(TextGrid grid, int column, int row, int labelWidth) {
    int x = grid.put(column, row, pad(label, labelWidth) + " ", Style.PLAIN);
    if (utilization.isPresent()) {
      long percent = Math.round(utilization.getAsDouble());
      int filled = filledCells(percent);
      Colour colour = loadColour(percent);
      Style bar = new Style(colour, colour, false);
      for (int i = 0; i < BAR_CELLS; i++) {
        grid.set(x + i, row, i < filled ? FILLED : EMPTY, i < filled ? bar : Style.of(Colour.GREY));
      }
    } else {
      for (int i = 0; i < BAR_CELLS; i++) {
        grid.set(x + i, row, EMPTY, Style.of(Colour.GREY));
      }
    }
    int end =
        grid.put(x + BAR_CELLS, row, " " + percentText() + " " + temperatureText(), Style.PLAIN);
    memoryText().ifPresent(memory -> grid.put(end, row, "  " + memory, Style.PLAIN));
  }

  /** The width of a drawn row with memory figures, for a label of the given width. */
  public static int width(int labelWidth) {
    return labelWidth + 1 + BAR_CELLS + " 100% 100°C  ".length() + MEMORY_WIDTH;
  }

  private String percentText() {
    return utilization.isPresent()
        ? String.format(Locale.ROOT, "%3d%%", Math.round(utilization.getAsDouble()))
        : "  ?%";
  }

  private String temperatureText() {
    return temperature.isPresent()
        ? String.format(Locale.ROOT, "%3d°C", Math.round(temperature.getAsDouble()))
        : "  ?°C";
  }

  private Optional<String> memoryText() {
    if (memoryUsedMib.isEmpty() || memoryTotalMib.isEmpty()) {
      return Optional.empty();
    }
    String text = gib(memoryUsedMib.getAsLong()) + "/" + gib(memoryTotalMib.getAsLong()) + "G";
    return Optional.of(pad(text, -MEMORY_WIDTH));
  }

  private static String gib(long mib) {
    double gib = mib / MIB_PER_GIB;
    return gib < 99.95
        ? String.format(Locale.ROOT, "%.1f", gib)
        : String.format(Locale.ROOT, "%.0f", gib);
  }

  /** Pads to a width: positive pads on the right (left-aligned), negative on the left. */
  private static String pad(String text, int width) {
    return String.format(Locale.ROOT, "%" + (width < 0 ? "" : "-") + Math.abs(width) + "s", text);
  }
}
