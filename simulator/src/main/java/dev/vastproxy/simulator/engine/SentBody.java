package dev.vastproxy.simulator.engine;

/** What an engine wrote as the body of one response, for tests to compare with what arrived. */
public final class SentBody {
  private final StringBuilder text = new StringBuilder();
  private boolean complete;

  synchronized void append(String part) {
    text.append(part);
  }

  synchronized void complete() {
    complete = true;
  }

  /** The body written so far. */
  public synchronized String text() {
    return text.toString();
  }

  /** Whether the engine finished writing it. */
  public synchronized boolean isComplete() {
    return complete;
  }
}
