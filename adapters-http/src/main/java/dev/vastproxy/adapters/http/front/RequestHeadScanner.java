package dev.vastproxy.adapters.http.front;

/**
 * Follows one request head byte by byte, in constant memory, and says when it ends, when it grows
 * past the size limit, or when its request line names an HTTP version other than 1.0 or 1.1.
 */
final class RequestHeadScanner {
  /** What the bytes fed so far mean. */
  enum Verdict {
    /** Still inside the head (or idle between heads); nothing to do. */
    MORE,
    /** The byte just fed was the last of the head. */
    END,
    /** The head is longer than the limit: 431. */
    TOO_LARGE,
    /** The request line names a version that is not HTTP/1.0 or HTTP/1.1: 505. */
    BAD_VERSION
  }

  /** "HTTP/x.y" is 8 characters; a little more shows the space before it. */
  private static final int TAIL = 12;

  private final int maxHeadBytes;
  private final char[] tail = new char[TAIL];
  private boolean active = true;
  private boolean leading = true;
  private boolean requestLine = true;
  private int headBytes;
  private int lineLength;
  private int tailLength;

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
    return active;
  }

  /** The next bytes start a new head. */
  void expectHead() {
    active = true;
    leading = true;
    requestLine = true;
    headBytes = 0;
    lineLength = 0;
    tailLength = 0;
  }

  /** Takes the next byte of the connection. */
  Verdict feed(byte b) {
    if (!active) {
      return Verdict.MORE;
    }
    if (++headBytes > maxHeadBytes) {
      active = false;
      return Verdict.TOO_LARGE;
    }
    // RFC 9112 §2.2: a server should ignore empty lines received before the request line.
    if (leading && (b == '\r' || b == '\n')) {
      return Verdict.MORE;
    }
    leading = false;
    if (b == '\n') {
      return endOfLine();
    }
    if (b != '\r') {
      lineLength++;
      if (requestLine) {
        remember((char) (b & 0xFF));
      }
    }
    return Verdict.MORE;
  }

  private Verdict endOfLine() {
    if (requestLine) {
      requestLine = false;
      lineLength = 0;
      if (unsupportedVersion()) {
        active = false;
        return Verdict.BAD_VERSION;
      }
      return Verdict.MORE;
    }
    if (lineLength == 0) {
      active = false;
      return Verdict.END;
    }
    lineLength = 0;
    return Verdict.MORE;
  }

  private void remember(char c) {
    if (tailLength == TAIL) {
      System.arraycopy(tail, 1, tail, 0, TAIL - 1);
      tailLength--;
    }
    tail[tailLength++] = c;
  }

  /**
   * True only for a well-formed {@code HTTP/d.d} other than 1.0 and 1.1: Undertow's parser reads
   * any such version as HTTP/1.1, while anything malformed is its to refuse with 400.
   */
  private boolean unsupportedVersion() {
    String version = new String(tail, 0, tailLength);
    int space = version.lastIndexOf(' ');
    if (space < 0) {
      return false;
    }
    version = version.substring(space + 1);
    boolean wellFormed =
        version.length() == 8
            && version.startsWith("HTTP/")
            && isDigit(version.charAt(5))
            && version.charAt(6) == '.'
            && isDigit(version.charAt(7));
    return wellFormed && !version.equals("HTTP/1.1") && !version.equals("HTTP/1.0");
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
