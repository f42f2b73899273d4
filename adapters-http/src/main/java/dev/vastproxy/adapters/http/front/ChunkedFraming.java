package dev.vastproxy.adapters.http.front;

import java.nio.ByteBuffer;

/**
 * Follows a chunked body's framing as its bytes arrive, in constant memory, and says when it is
 * malformed or its trailer section grows past a limit. Undertow's chunk reader keeps every trailer
 * it reads, with no limit, so a peer sending {@code 0\r\n} and then trailers without end would fill
 * the heap; and it reads framing leniently: a size line without digits is the last chunk, and
 * anything after a chunk's data up to a line feed is skipped, so a chunk longer than its size
 * leaves the request waiting. This holds the framing to RFC 9112 §7.1 (a bare line feed allowed for
 * CRLF, spaces before an extension) and keeps nothing.
 */
final class ChunkedFraming {
  /** What the bytes fed so far mean. */
  enum Verdict {
    /** The body goes on. */
    MORE,
    /** The last byte fed ended the body (or no body is being followed). */
    END,
    /** The trailers are longer than the limit. */
    TOO_LARGE,
    /** A size line without a hex size (or one too large to count), or data not ended by CRLF. */
    MALFORMED
  }

  /** Where in the body the next byte falls. */
  private enum Place {
    /** A chunk's size, in hex digits. */
    SIZE,
    /** The rest of a size line: chunk extensions, skipped as the reader skips them. */
    SIZE_LINE_REST,
    DATA,
    /** Right after a chunk's data, where its CRLF must be. */
    AFTER_DATA,
    /** After the CR that follows a chunk's data. */
    AFTER_DATA_CR,
    /** After the last chunk, up to and including the empty line. */
    TRAILERS,
    /** Not following a body. */
    RESTING,
    /** The framing broke; said once, then resting. */
    MALFORMED
  }

  /** A size past this would overflow with its next digit (Undertow refuses it too). */
  private static final long LARGEST_BEFORE_DIGIT = Long.MAX_VALUE >> 4;

  private final int maxTrailerBytes;
  private Place place = Place.RESTING;
  private long size;
  private boolean sizeHasDigit;
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
    nextChunk();
    trailerBytes = 0;
  }

  private void nextChunk() {
    place = Place.SIZE;
    size = 0;
    sizeHasDigit = false;
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
        case SIZE_LINE_REST -> at = sizeLineRest(bytes, at, to);
        case AFTER_DATA, AFTER_DATA_CR -> at = afterData(bytes.get(at), at);
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
        case MALFORMED -> {
          place = Place.RESTING;
          return Verdict.MALFORMED;
        }
      }
    }
    return switch (place) {
      case RESTING -> Verdict.END;
      case MALFORMED -> {
        place = Place.RESTING;
        yield Verdict.MALFORMED;
      }
      default -> Verdict.MORE;
    };
  }

  private int size(ByteBuffer bytes, int at, int to) {
    while (at < to) {
      byte b = bytes.get(at++);
      int digit = Character.digit(b, 16);
      if (digit >= 0) {
        if (size > LARGEST_BEFORE_DIGIT) {
          place = Place.MALFORMED;
          return at;
        }
        size = (size << 4) + digit;
        sizeHasDigit = true;
        continue;
      }
      if (!sizeHasDigit) {
        place = Place.MALFORMED;
      } else if (b == '\n') {
        sizeLineEnded();
      } else if (b == ';' || b == ' ' || b == '\t' || b == '\r') {
        place = Place.SIZE_LINE_REST;
      } else {
        place = Place.MALFORMED;
      }
      return at;
    }
    return at;
  }

  /** Skips a size line's extensions up to its line feed. */
  private int sizeLineRest(ByteBuffer bytes, int at, int to) {
    while (at < to) {
      if (bytes.get(at++) == '\n') {
        sizeLineEnded();
        return at;
      }
    }
    return at;
  }

  /** Takes one byte of the CRLF that must end a chunk's data. */
  private int afterData(byte b, int at) {
    if (b == '\n') {
      nextChunk();
    } else if (b == '\r' && place == Place.AFTER_DATA) {
      place = Place.AFTER_DATA_CR;
    } else {
      place = Place.MALFORMED;
    }
    return at + 1;
  }

  private void sizeLineEnded() {
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
