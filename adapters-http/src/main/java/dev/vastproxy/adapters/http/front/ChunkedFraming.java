package dev.vastproxy.adapters.http.front;

import java.nio.ByteBuffer;

/**
 * Follows a chunked body's framing as its bytes arrive, in constant memory, and says when its
 * trailer section grows past a limit. Undertow's chunk reader keeps every trailer it reads, with no
 * limit, so a peer sending {@code 0\r\n} and then trailers without end would fill the heap; this
 * reads the bytes as that reader does (a chunk's size line, its data, the rest of the line after
 * the data, then the trailers up to an empty line) without keeping any of them.
 */
final class ChunkedFraming {
  /** What the bytes fed so far mean. */
  enum Verdict {
    /** The body goes on. */
    MORE,
    /** The last byte fed ended the body (or no body is being followed). */
    END,
    /** The trailers are longer than the limit. */
    TOO_LARGE
  }

  /** Where in the body the next byte falls. */
  private enum Place {
    /** A chunk's size, in hex digits. */
    SIZE,
    /** The rest of a size line: chunk extensions, skipped as the reader skips them. */
    SIZE_LINE_REST,
    DATA,
    /** From a chunk's last data byte to the end of that line. */
    AFTER_DATA,
    /** After the last chunk, up to and including the empty line. */
    TRAILERS,
    /** Not following a body. */
    RESTING
  }

  /** Beyond this a chunk size is refused by the reader; the count only needs not to overflow. */
  private static final long SIZE_CEILING = Long.MAX_VALUE >> 4;

  private final int maxTrailerBytes;
  private Place place = Place.RESTING;
  private long size;
  private int trailerBytes;
  private boolean lineEmpty;

  /**
   * @param maxTrailerBytes the most bytes the trailer section may have, its empty line included
   */
  ChunkedFraming(int maxTrailerBytes) {
    if (maxTrailerBytes < 2) {
      throw new IllegalArgumentException("maxTrailerBytes must be at least 2: " + maxTrailerBytes);
    }
    this.maxTrailerBytes = maxTrailerBytes;
  }

  /** The next bytes start a chunked body. */
  void start() {
    place = Place.SIZE;
    size = 0;
    trailerBytes = 0;
  }

  /** No body is followed any more: bytes fed are ignored until {@link #start()}. */
  void stop() {
    place = Place.RESTING;
  }

  /** Whether a body is being followed. */
  boolean active() {
    return place != Place.RESTING;
  }

  /**
   * Takes the next bytes of the body, {@code bytes.get(from)} to {@code bytes.get(to - 1)}, and
   * stops at the first that decides something: the body's end or its trailers' excess.
   */
  Verdict feed(ByteBuffer bytes, int from, int to) {
    int at = from;
    while (at < to) {
      switch (place) {
        case SIZE -> at = size(bytes, at, to);
        case SIZE_LINE_REST, AFTER_DATA -> at = lineRest(bytes, at, to);
        case DATA -> {
          long step = Math.min(size, to - at);
          size -= step;
          at += (int) step;
          if (size == 0) {
            place = Place.AFTER_DATA;
          }
        }
        case TRAILERS -> {
          at = trailers(bytes, at, to);
          if (trailerBytes > maxTrailerBytes) {
            place = Place.RESTING;
            return Verdict.TOO_LARGE;
          }
          if (place == Place.RESTING) {
            return Verdict.END;
          }
        }
        case RESTING -> {
          return Verdict.END;
        }
      }
    }
    return place == Place.RESTING ? Verdict.END : Verdict.MORE;
  }

  private int size(ByteBuffer bytes, int at, int to) {
    while (at < to) {
      int digit = Character.digit(bytes.get(at++), 16);
      if (digit >= 0) {
        size = Math.min(SIZE_CEILING, (size << 4) + digit);
      } else if (bytes.get(at - 1) == '\n') {
        sizeLineEnded();
        return at;
      } else {
        place = Place.SIZE_LINE_REST;
        return at;
      }
    }
    return at;
  }

  /** Skips to the end of the line: after a size line's extensions, or after a chunk's data. */
  private int lineRest(ByteBuffer bytes, int at, int to) {
    while (at < to) {
      if (bytes.get(at++) == '\n') {
        if (place == Place.SIZE_LINE_REST) {
          sizeLineEnded();
        } else {
          place = Place.SIZE;
          size = 0;
        }
        return at;
      }
    }
    return at;
  }

  private void sizeLineEnded() {
    // A size line without digits counts as size 0, the last chunk, as the reader takes it.
    if (size == 0) {
      place = Place.TRAILERS;
      lineEmpty = true;
    } else {
      place = Place.DATA;
    }
  }

  /** Counts trailer bytes up to the empty line that ends them. */
  private int trailers(ByteBuffer bytes, int at, int to) {
    int limit = (int) Math.min(to, at + (long) maxTrailerBytes + 1 - trailerBytes);
    int start = at;
    while (at < limit) {
      byte b = bytes.get(at++);
      if (b == '\n') {
        if (lineEmpty) {
          place = Place.RESTING;
          break;
        }
        lineEmpty = true;
      } else if (b != '\r') {
        lineEmpty = false;
      }
    }
    trailerBytes += at - start;
    return at;
  }
}
