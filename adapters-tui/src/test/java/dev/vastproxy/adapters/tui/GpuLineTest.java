package dev.vastproxy.adapters.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.GpuReading;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuLineTest {

  private static TextGrid draw(GpuLine line, int labelWidth) {
    TextGrid grid = new TextGrid(GpuLine.width(labelWidth) + 2, 1);
    line.draw(grid, 0, 0, labelWidth);
    return grid;
  }

  private static GpuLine reading(int index, double utilization, double temperature) {
    return GpuLine.of(
        new GpuReading(
            index,
            OptionalDouble.of(utilization),
            OptionalDouble.of(temperature),
            OptionalLong.of(8_192),
            OptionalLong.of(24_564)));
  }

  @ParameterizedTest(name = "{0} % fills {1} cells in {2}")
  @CsvSource({
    "0, 0, GREEN",
    "2, 0, GREEN",
    "3, 1, GREEN",
    "49, 10, GREEN",
    "50, 10, YELLOW",
    "79, 16, YELLOW",
    "80, 16, RED",
    "100, 20, RED"
  })
  void fillsAndPaintsTheBarByLoad(int percent, int filled, Colour colour) {
    TextGrid grid = draw(reading(0, percent, 40), 4);

    String bar = grid.row(0).substring(5, 5 + GpuLine.BAR_CELLS);
    assertThat(bar).isEqualTo("█".repeat(filled) + "░".repeat(GpuLine.BAR_CELLS - filled));
    for (int i = 0; i < GpuLine.BAR_CELLS; i++) {
      assertThat(grid.styleAt(5 + i, 0))
          .isEqualTo(i < filled ? new Style(colour, colour, false) : Style.of(Colour.GREY));
    }
    assertThat(GpuLine.loadColour(percent)).isEqualTo(colour);
  }

  @Test
  void colourFollowsTheShownRoundedPercent() {
    assertThat(draw(reading(0, 79.6, 40), 4).row(0)).contains(" 80% ");
    assertThat(draw(reading(0, 79.6, 40), 4).styleAt(5, 0).foreground()).isEqualTo(Colour.RED);
    assertThat(draw(reading(0, 49.4, 40), 4).styleAt(5, 0).foreground()).isEqualTo(Colour.GREEN);
  }

  @Test
  void rightAlignsNumbersInFixedWidths() {
    assertThat(draw(reading(0, 0, 31), 4).row(0).stripTrailing())
        .isEqualTo("GPU0 ░░░░░░░░░░░░░░░░░░░░   0%  31°C   8.0/24.0G");
    assertThat(draw(reading(1, 100, 101), 4).row(0).stripTrailing())
        .isEqualTo("GPU1 ████████████████████ 100% 101°C   8.0/24.0G");
    assertThat(draw(reading(7, 5.4, 9), 4).row(0).stripTrailing())
        .isEqualTo("GPU7 █░░░░░░░░░░░░░░░░░░░   5%   9°C   8.0/24.0G");
  }

  @Test
  void widensTheLabelForTwoDigitIndexesSoBarsStillLineUp() {
    assertThat(draw(reading(3, 50, 60), 5).row(0)).startsWith("GPU3  ██████████░");
    assertThat(draw(reading(12, 50, 60), 5).row(0)).startsWith("GPU12 ██████████░");
  }

  @Test
  void writesBigMemoryWithoutDecimals() {
    GpuLine h200 =
        GpuLine.of(
            new GpuReading(
                0,
                OptionalDouble.of(10),
                OptionalDouble.of(40),
                OptionalLong.of(140_000),
                OptionalLong.of(143_771)));
    assertThat(draw(h200, 4).row(0).stripTrailing()).endsWith("  40°C    137/140G");
    assertThat(draw(h200, 4).row(0).stripTrailing()).hasSize(GpuLine.width(4));
  }

  @Test
  void showsUnknownFiguresAsQuestionMarksAndLeavesOutUnknownMemory() {
    GpuLine unknown =
        GpuLine.of(
            new GpuReading(
                2,
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalLong.of(1),
                OptionalLong.empty()));
    TextGrid grid = draw(unknown, 4);
    assertThat(grid.row(0).stripTrailing()).isEqualTo("GPU2 ░░░░░░░░░░░░░░░░░░░░   ?%   ?°C");
    assertThat(grid.styleAt(5, 0)).isEqualTo(Style.of(Colour.GREY));
  }

  @Test
  void clampsFillToTheBar() {
    assertThat(GpuLine.filledCells(-5)).isZero();
    assertThat(GpuLine.filledCells(250)).isEqualTo(GpuLine.BAR_CELLS);
  }
}
