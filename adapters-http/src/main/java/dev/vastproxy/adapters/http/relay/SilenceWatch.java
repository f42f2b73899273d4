package dev.vastproxy.adapters.http.relay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Tells when a backend has said nothing for the idle timeout while it was waited for. One timer per
 * attempt, re-armed only when it fires: a read timeout on the connection would cost Undertow a
 * timer per read and a new conduit per request.
 */
final class SilenceWatch {
  private final XnioIoThread thread;
  private final long idleNanos;
  private final LongUnaryOperator silentAt;
  private final LongConsumer silent;
  private XnioExecutor.Key check;

  /**
   * @param silentAt how long the backend has been silent at a given {@link System#nanoTime()}
   * @param silent told, once, how long the backend was silent when it passed the timeout
   */
  private SilenceWatch(
      XnioIoThread thread, Duration idle, LongUnaryOperator silentAt, LongConsumer silent) {
    this.thread = thread;
    this.idleNanos = idle.toNanos();
    this.silentAt = silentAt;
    this.silent = silent;
  }

  /** Starts watching; a zero idle timeout watches nothing. */
  static SilenceWatch start(
      XnioIoThread thread, Duration idle, LongUnaryOperator silentAt, LongConsumer silent) {
    SilenceWatch watch = new SilenceWatch(thread, idle, silentAt, silent);
    if (!idle.isZero()) {
      watch.checkIn(watch.idleNanos);
    }
    return watch;
  }

  private void checkIn(long nanos) {
    check = thread.executeAfter(this::check, nanos, TimeUnit.NANOSECONDS);
  }

  private void check() {
    check = null;
    long silence = silentAt.applyAsLong(System.nanoTime());
    if (silence < 0) {
      return;
    }
    if (silence < idleNanos) {
      checkIn(idleNanos - silence);
    } else {
      silent.accept(silence);
    }
  }

  /** Stops watching. */
  void stop() {
    if (check != null) {
      check.remove();
      check = null;
    }
  }
}
