package dev.vastproxy.adapters.http.proxy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into whole server-sent events, so that a client is only ever given whole
 * events: when an engine dies mid-event, the half it sent is dropped, not delivered. An event that
 * arrives in one read (as engines write them) passes without a copy; only a partial tail is kept.
 */
final class SseEvents {
  private byte[] tail = new byte[0];
  private int tailLength;

  /**
   * Takes the bytes just read and returns those that end whole events (without a copy when no tail
   * was kept and the read ends on an event's end); {@code each} sees every whole event's text bytes
   * (from its first byte to its blank line), in order.
   */
  ByteBuffer take(ByteBuffer read, Consumer<ByteBuffer> each) {
    if (tailLength == 0) {
      int end = lastEventEnd(read, read.position());
      if (end == read.limit()) {
        eachEvent(read.duplicate(), each);
        ByteBuffer whole = read.slice();
        read.position(read.limit());
        return whole;
      }
    }
    int length = read.remaining();
    ensure(tailLength + length);
    read.get(tail, tailLength, length);
    tailLength += length;
    ByteBuffer joined = ByteBuffer.wrap(tail, 0, tailLength);
    int end = lastEventEnd(joined, 0);
    if (end == 0) {
      return ByteBuffer.allocate(0);
    }
    byte[] whole = Arrays.copyOf(tail, end);
    System.arraycopy(tail, end, tail, 0, tailLength - end);
    tailLength -= end;
    ByteBuffer out = ByteBuffer.wrap(whole);
    eachEvent(out.duplicate(), each);
    return out;
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

  /** The index just past the last blank line at or after {@code from}, or {@code from}. */
  private static int lastEventEnd(ByteBuffer data, int from) {
    for (int i = data.limit() - 1; i > from; i--) {
      if (data.get(i) == '\n' && (data.get(i - 1) == '\n' || isCrlfCrlf(data, i, from))) {
        return i + 1;
      }
    }
    return from;
  }

  private static boolean isCrlfCrlf(ByteBuffer data, int i, int from) {
    return i - 3 >= from
        && data.get(i - 1) == '\r'
        && data.get(i - 2) == '\n'
        && data.get(i - 3) == '\r';
  }

  private static void eachEvent(ByteBuffer events, Consumer<ByteBuffer> each) {
    int start = events.position();
    int limit = events.limit();
    for (int i = start + 1; i < limit; i++) {
      if (events.get(i) == '\n' && events.get(i - 1) == '\n') {
        each.accept(events.duplicate().position(start).limit(i + 1));
        start = i + 1;
      } else if (events.get(i) == '\n' && i - 3 >= start && isCrlfCrlf(events, i, start)) {
        each.accept(events.duplicate().position(start).limit(i + 1));
        start = i + 1;
      }
    }
  }
}
