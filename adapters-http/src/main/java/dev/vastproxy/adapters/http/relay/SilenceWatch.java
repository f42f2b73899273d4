package dev.vastproxy.adapters.http.relay;

import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;

/**
 * Watches one attempt for a backend that says nothing for the idle timeout while it is waited for;
 * {@link SilenceSweeps} checks it, with the other watches of its IO thread.
 */
final class SilenceWatch {
  private LongUnaryOperator silentAt;
  private LongConsumer silent;

  /**
   * @param silentAt how long the backend has been silent at a given {@link System#nanoTime()};
   *     negative once it is no longer waited for
   * @param silent told, once, how long the backend was silent when it passed the timeout
   */
  SilenceWatch(LongUnaryOperator silentAt, LongConsumer silent) {
    this.silentAt = silentAt;
    this.silent = silent;
  }

  /** Stops watching; the attempt is let go of at once, though the sweep drops the watch later. */
  void stop() {
    silentAt = null;
    silent = null;
  }

  /** Checks the backend at {@code now}: whether it still needs watching. */
  boolean stillWatched(long now, long idleNanos) {
    if (silentAt == null) {
      return false;
    }
    long silence = silentAt.applyAsLong(now);
    if (silence < 0) {
      stop();
      return false;
    }
    if (silence < idleNanos) {
      return true;
    }
    LongConsumer told = silent;
    stop();
    told.accept(silence);
    return false;
  }
}
