package dev.vastproxy.adapters.http.relay;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into whole server-sent events, so that a client is only ever given whole
 * events: when an engine dies mid-event, the half it sent is dropped, not delivered. An event that
 * arrives in one read (as engines write them) passes without a copy; only a partial tail is kept.
 */
final class SseEvents {
  /** Reused per IO thread: a read is scanned here, not byte by byte in its direct buffer. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16384]);

  /**
   * The longest event kept until its end (engines send one token per event): memory must not grow
   * with a broken engine's endless event.
   */
  static final int MAX_EVENT = 1 << 20;

  private byte[] tail = new byte[0];
  private int tailLength;
  private boolean cutting = true;

  /**
   * Takes the bytes just read and returns those that end whole events (without a copy when no tail
   * was kept and the read ends on an event's end); {@code each} sees every whole event's text bytes
   * (from its first byte to its blank line), in order, in a heap buffer valid during the call only.
   */
  ByteBuffer take(ByteBuffer read, Consumer<ByteBuffer> each) {
    if (!cutting) {
      return all(read);
    }
    if (tailLength == 0) {
      int length = read.remaining();
      byte[] copy = scratch(length);
      read.get(read.position(), copy, 0, length);
      if (lastEventEnd(copy, 0, length) == length) {
        eachEvent(copy, length, each);
        return all(read);
      }
    }
    int length = read.remaining();
    if (tailLength + length > MAX_EVENT) {
      // An event over the limit: from now on every byte passes as it comes, nothing is kept.
      cutting = false;
      ByteBuffer kept = ByteBuffer.wrap(tail, 0, tailLength);
      tail = new byte[0];
      tailLength = 0;
      return ByteBuffer.allocate(kept.remaining() + length).put(kept).put(read).flip();
    }
    ensure(tailLength + length);
    read.get(tail, tailLength, length);
    tailLength += length;
    int end = lastEventEnd(tail, 0, tailLength);
    if (end == 0) {
      return ByteBuffer.allocate(0);
    }
    byte[] whole = Arrays.copyOf(tail, end);
    System.arraycopy(tail, end, tail, 0, tailLength - end);
    tailLength -= end;
    eachEvent(whole, end, each);
    return ByteBuffer.wrap(whole);
  }

  /**
   * Whether reads are still cut into whole events: not once an event outgrew {@link #MAX_EVENT}.
   */
  boolean cutting() {
    return cutting;
  }

  private static ByteBuffer all(ByteBuffer read) {
    ByteBuffer all = read.slice();
    read.position(read.limit());
    return all;
  }

  /** Drops a partial event (the source broke off). */
  void dropTail() {
    tailLength = 0;
  }

  private void ensure(int size) {
    if (tail.length < size) {
      tail = Arrays.copyOf(tail, Math.max(size, tail.length * 2));
    }
  }

  private static byte[] scratch(int size) {
    byte[] scratch = SCRATCH.get();
    if (scratch.length < size) {
      scratch = new byte[Math.max(size, scratch.length * 2)];
      SCRATCH.set(scratch);
    }
    return scratch;
  }

  /** The index just past the last blank line after {@code from}, or {@code from}. */
  private static int lastEventEnd(byte[] data, int from, int limit) {
    for (int i = limit - 1; i > from; i--) {
      if (data[i] == '\n' && (data[i - 1] == '\n' || isCrlfCrlf(data, i, from))) {
        return i + 1;
      }
    }
    return from;
  }

  private static boolean isCrlfCrlf(byte[] data, int i, int from) {
    return i - 3 >= from && data[i - 1] == '\r' && data[i - 2] == '\n' && data[i - 3] == '\r';
  }

  private static void eachEvent(byte[] events, int limit, Consumer<ByteBuffer> each) {
    int start = 0;
    for (int i = 1; i < limit; i++) {
      if (events[i] == '\n' && (events[i - 1] == '\n' || isCrlfCrlf(events, i, start))) {
        each.accept(ByteBuffer.wrap(events, start, i + 1 - start));
        start = i + 1;
      }
    }
  }
}
