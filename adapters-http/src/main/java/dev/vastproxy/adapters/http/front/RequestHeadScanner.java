package dev.vastproxy.adapters.http.front;

import java.nio.ByteBuffer;

/**
 * Follows one request head as its bytes arrive, in constant memory, and says when it ends, when it
 * grows past the size limit, or when its request line names an HTTP version other than 1.0 or 1.1.
 */
final class RequestHeadScanner {
  /** What the bytes fed so far mean. */
  enum Verdict {
    /** Still inside the head (or idle between heads); nothing to do. */
    MORE,
    /** The last byte fed was the last of the head. */
    END,
    /** The head is longer than the limit: 431. */
    TOO_LARGE,
    /** The request line names a version that is not HTTP/1.0 or HTTP/1.1: 505. */
    BAD_VERSION
  }

  /** Where in a head the next byte falls. */
  private enum Place {
    /** Before the request line, where empty lines are ignored (RFC 9112 §2.2). */
    LEADING,
    REQUEST_LINE,
    HEADER_LINES,
    /** After the head's end or a verdict, until {@link #expectHead()}: bytes pass unseen. */
    RESTING
  }

  /** "HTTP/x.y": the request line's last word, when it is a version. */
  private static final int VERSION_LENGTH = 8;

  private final int maxHeadBytes;
  private final byte[] lastWord = new byte[VERSION_LENGTH];
  private Place place = Place.LEADING;
  private int headBytes;
  private int lineLength;
  private int lastWordLength;
  private boolean lineHasSpace;

  /** What the head's last byte decided, once it is {@link Place#RESTING}. */
  private Verdict decided = Verdict.MORE;

  /**
   * @param maxHeadBytes the most bytes a head may have, request line and blank line included
   */
  RequestHeadScanner(int maxHeadBytes) {
    if (maxHeadBytes < 64) {
      throw new IllegalArgumentException("maxHeadBytes must be at least 64: " + maxHeadBytes);
    }
    this.maxHeadBytes = maxHeadBytes;
  }

  /** Whether a head is being followed (false from its end until {@link #expectHead()}). */
  boolean active() {
    return place != Place.RESTING;
  }

  /** The next bytes start a new head. */
  void expectHead() {
    place = Place.LEADING;
    headBytes = 0;
    lineLength = 0;
    lastWordLength = 0;
    lineHasSpace = false;
  }

  /**
   * Takes the next bytes of the connection, {@code bytes.get(from)} to {@code bytes.get(to - 1)},
   * and stops at the first that decides something: its verdict, else {@link Verdict#MORE}.
   */
  Verdict feed(ByteBuffer bytes, int from, int to) {
    if (place == Place.RESTING) {
      return Verdict.MORE;
    }
    int at = from;
    while (at < to && place != Place.RESTING) {
      // Every byte counts towards the limit: only up to it is looked at in one go.
      int end = (int) Math.min(to, at + (long) maxHeadBytes - headBytes);
      if (end == at) {
        return rest(Verdict.TOO_LARGE);
      }
      int stop =
          switch (place) {
            case LEADING -> skipEmptyLines(bytes, at, end);
            case REQUEST_LINE -> requestLine(bytes, at, end);
            default -> headerLines(bytes, at, end);
          };
      headBytes += stop - at;
      at = stop;
    }
    return place == Place.RESTING ? decided : Verdict.MORE;
  }

  private int skipEmptyLines(ByteBuffer bytes, int at, int end) {
    while (at < end) {
      byte b = bytes.get(at);
      if (b != '\r' && b != '\n') {
        place = Place.REQUEST_LINE;
        return at;
      }
      at++;
    }
    return at;
  }

  /** Where it stopped: after the line's end, or at {@code end}. */
  private int requestLine(ByteBuffer bytes, int at, int end) {
    while (at < end) {
      byte b = bytes.get(at++);
      if (b == '\n') {
        place = Place.HEADER_LINES;
        lineLength = 0;
        if (unsupportedVersion()) {
          rest(Verdict.BAD_VERSION);
        }
        return at;
      }
      if (b == ' ') {
        lineHasSpace = true;
        lastWordLength = 0;
      } else if (b != '\r' && lastWordLength <= VERSION_LENGTH) {
        if (lastWordLength < VERSION_LENGTH) {
          lastWord[lastWordLength] = b;
        }
        lastWordLength++;
      }
    }
    return at;
  }

  /** Where it stopped: after the blank line that ends the head, or at {@code end}. */
  private int headerLines(ByteBuffer bytes, int at, int end) {
    while (at < end) {
      byte b = bytes.get(at++);
      if (b == '\n') {
        if (lineLength == 0) {
          rest(Verdict.END);
          return at;
        }
        lineLength = 0;
      } else if (b != '\r') {
        lineLength++;
      }
    }
    return at;
  }

  private Verdict rest(Verdict verdict) {
    place = Place.RESTING;
    decided = verdict;
    return verdict;
  }

  /**
   * True only for a well-formed {@code HTTP/d.d} other than 1.0 and 1.1: Undertow's parser reads
   * any such version as HTTP/1.1, while anything malformed is its to refuse with 400.
   */
  private boolean unsupportedVersion() {
    byte[] word = lastWord;
    boolean wellFormed =
        lineHasSpace
            && lastWordLength == VERSION_LENGTH
            && word[0] == 'H'
            && word[1] == 'T'
            && word[2] == 'T'
            && word[3] == 'P'
            && word[4] == '/'
            && isDigit(word[5])
            && word[6] == '.'
            && isDigit(word[7]);
    return wellFormed && !(word[5] == '1' && (word[7] == '0' || word[7] == '1'));
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
