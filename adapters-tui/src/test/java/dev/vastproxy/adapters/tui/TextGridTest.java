package dev.vastproxy.adapters.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextGridTest {

  @Test
  void clipsTextAtTheEdges() {
    TextGrid grid = new TextGrid(5, 2);
    assertThat(grid.put(3, 0, "abcdef", Style.PLAIN)).isEqualTo(9);
    grid.put(-2, 1, "xyz", Style.of(Colour.RED));
    grid.put(0, 5, "out", Style.PLAIN);

    assertThat(grid.text()).isEqualTo("   ab\nz");
    assertThat(grid.styleAt(0, 1)).isEqualTo(Style.of(Colour.RED));
    assertThat(grid.styleAt(1, 1)).isEqualTo(Style.PLAIN);
  }

  @Test
  void replacesCharactersThatAreNotOneCellWide() {
    TextGrid grid = new TextGrid(12, 1);
    grid.put(0, 0, "a\u001b[2Jb", Style.PLAIN);
    grid.put(6, 0, "界🐇\u200dé", Style.PLAIN);

    assertThat(grid.row(0)).isEqualTo("a?[2Jb????é ");
  }

  @Test
  void keepsTheDashboardsOwnSymbols() {
    TextGrid grid = new TextGrid(8, 1);
    grid.put(0, 0, "●█░°»~?", Style.PLAIN);
    assertThat(grid.row(0)).isEqualTo("●█░°»~? ");
  }

  @Test
  void drawsAnotherGridClippedOnEverySide() {
    TextGrid card = new TextGrid(3, 3);
    card.put(0, 0, "abc", Style.PLAIN);
    card.put(0, 1, "def", Style.of(Colour.GREEN));
    card.put(0, 2, "ghi", Style.PLAIN);
    TextGrid screen = new TextGrid(4, 2);

    screen.draw(card, 2, -1);
    assertThat(screen.text()).isEqualTo("  de\n  gh");
    assertThat(screen.styleAt(2, 0)).isEqualTo(Style.of(Colour.GREEN));

    TextGrid left = new TextGrid(4, 2);
    left.draw(card, -2, 1);
    assertThat(left.text()).isEqualTo("\nc");
  }

  @Test
  void refusesCellsOutsideAndNegativeSizes() {
    TextGrid grid = new TextGrid(2, 2);
    assertThatThrownBy(() -> grid.characterAt(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> grid.styleAt(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new TextGrid(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThat(grid.width()).isEqualTo(2);
    assertThat(grid.height()).isEqualTo(2);
  }
}
