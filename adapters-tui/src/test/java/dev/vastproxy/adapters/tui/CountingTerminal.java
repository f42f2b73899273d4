package dev.vastproxy.adapters.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.util.concurrent.atomic.AtomicInteger;

/** A virtual terminal that counts what the screen sends it, to prove frames are diffs. */
final class CountingTerminal extends DefaultVirtualTerminal {
  final AtomicInteger clears = new AtomicInteger();
  final AtomicInteger characters = new AtomicInteger();
  final AtomicInteger flushes = new AtomicInteger();

  CountingTerminal(int columns, int rows) {
    super(new TerminalSize(columns, rows));
  }

  @Override
  public synchronized void clearScreen() {
    clears.incrementAndGet();
    super.clearScreen();
  }

  @Override
  public synchronized void putCharacter(char c) {
    characters.incrementAndGet();
    super.putCharacter(c);
  }

  @Override
  public synchronized void putString(String string) {
    characters.addAndGet(string.length());
    super.putString(string);
  }

  @Override
  public synchronized void flush() {
    flushes.incrementAndGet();
    super.flush();
  }

  /** One row as the user sees it, without trailing blanks. */
  String row(int row) {
    StringBuilder text = new StringBuilder();
    for (int column = 0; column < getTerminalSize().getColumns(); column++) {
      text.append(getCharacter(column, row).getCharacterString());
    }
    return text.toString().stripTrailing();
  }

  /** The cell at a place. */
  TextCharacter cell(int column, int row) {
    return getCharacter(column, row);
  }
}
