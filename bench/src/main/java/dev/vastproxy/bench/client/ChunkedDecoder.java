package dev.vastproxy.bench.client;

/** Decodes an HTTP/1.1 chunked body incrementally, handing the data bytes on as they arrive. */
final class ChunkedDecoder {
  /** Receives decoded body bytes. */
  interface Sink {
    void data(byte[] bytes, int offset, int length);
  }

  private static final int SIZE = 0;
  private static final int EXTENSION = 1;
  private static final int SIZE_LF = 2;
  private static final int DATA = 3;
  private static final int DATA_CR = 4;
  private static final int DATA_LF = 5;
  private static final int TRAILER = 6;
  private static final int TRAILER_LF = 7;
  private static final int DONE = 8;

  private int state = SIZE;
  private long remaining;
  private boolean sawDigit;
  private boolean trailerLineEmpty = true;

  /**
   * Decodes the bytes; true once the last chunk and the trailer were read.
   *
   * @throws IllegalStateException when the framing is broken
   */
  boolean feed(byte[] bytes, int offset, int length, Sink sink) {
    int i = offset;
    int end = offset + length;
    while (i < end && state != DONE) {
      if (state == DATA) {
        int take = (int) Math.min(remaining, end - i);
        sink.data(bytes, i, take);
        i += take;
        remaining -= take;
        if (remaining == 0) {
          state = DATA_CR;
        }
        continue;
      }
      byte b = bytes[i++];
      switch (state) {
        case SIZE -> size(b);
        case EXTENSION -> {
          if (b == '\r') {
            state = SIZE_LF;
          } else if (b == '\n') {
            endOfSizeLine();
          }
        }
        case SIZE_LF -> {
          expect(b, '\n');
          endOfSizeLine();
        }
        case DATA_CR -> {
          expect(b, '\r');
          state = DATA_LF;
        }
        case DATA_LF -> {
          expect(b, '\n');
          state = SIZE;
        }
        case TRAILER -> trailer(b);
        case TRAILER_LF -> {
          expect(b, '\n');
          if (trailerLineEmpty) {
            state = DONE;
          } else {
            trailerLineEmpty = true;
            state = TRAILER;
          }
        }
        default -> throw new IllegalStateException("unreachable chunk state " + state);
      }
    }
    return state == DONE;
  }

  /** Whether the whole body was read. */
  boolean done() {
    return state == DONE;
  }

  private void size(byte b) {
    int digit = Character.digit(b, 16);
    if (digit >= 0) {
      if (remaining > (Long.MAX_VALUE >> 4)) {
        throw new IllegalStateException("chunk size too large");
      }
      remaining = remaining * 16 + digit;
      sawDigit = true;
    } else if (b == '\r' && sawDigit) {
      state = SIZE_LF;
    } else if ((b == ';' || b == ' ' || b == '\t') && sawDigit) {
      state = EXTENSION;
    } else {
      throw new IllegalStateException("bad chunk size byte " + (b & 0xff));
    }
  }

  private void endOfSizeLine() {
    sawDigit = false;
    if (remaining == 0) {
      state = TRAILER;
      trailerLineEmpty = true;
    } else {
      state = DATA;
    }
  }

  private void trailer(byte b) {
    if (b == '\r') {
      state = TRAILER_LF;
    } else {
      trailerLineEmpty = false;
    }
  }

  private static void expect(byte actual, char wanted) {
    if (actual != wanted) {
      throw new IllegalStateException("bad chunk framing: expected byte " + (int) wanted);
    }
  }
}
