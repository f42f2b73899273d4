package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.domain.cost.TokensServed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the token counts in an answer as its bytes pass, with a small state machine and no tree,
 * string or allocation: it follows JSON strings (escapes included) and nesting only far enough to
 * know keys from values. It takes the last {@code usage} object it meets, at any depth ({@code
 * prompt_tokens} or {@code input_tokens}, {@code completion_tokens} or {@code output_tokens}, its
 * direct members only), so a chat, completion, responses or embeddings answer, a stream's final
 * usage chunk, and vLLM's cumulative per-chunk usage all read right. In an event stream it also
 * counts content events: an event (up to its blank line) that holds a non-empty string under one of
 * the endpoint's content keys counts one completion token, as vLLM and SGLang send one event per
 * token; without usage that count is the answer's estimate.
 */
final class TokenScanner {
  /** Keys a scanner tells apart; the rest are {@link #OTHER}. */
  private static final int OTHER = 0;

  private static final int USAGE = 1;
  private static final int PROMPT = 2;
  private static final int COMPLETION = 3;
  private static final int CONTENT = 4;

  /** Where the scanner is between tokens. */
  private static final int NOTHING = 0;

  private static final int AFTER_STRING = 1;
  private static final int AFTER_COLON = 2;
  private static final int IN_NUMBER = 3;

  /** The longest key that matters is {@code reasoning_content}; longer strings are not kept. */
  private static final int KEY_ROOM = 18;

  private static final byte[][] USAGE_KEYS = {bytes("usage")};
  private static final byte[][] PROMPT_KEYS = {bytes("prompt_tokens"), bytes("input_tokens")};
  private static final byte[][] COMPLETION_KEYS = {
    bytes("completion_tokens"), bytes("output_tokens")
  };

  /** Chat and text completions: content, reasoning and tool-call argument deltas. */
  static final byte[][] COMPLETION_CONTENT = {
    bytes("content"),
    bytes("text"),
    bytes("reasoning_content"),
    bytes("reasoning"),
    bytes("arguments")
  };

  /** The bytes outside strings that change nothing while no key waits for its value. */
  private static final boolean[] PLAIN = new boolean[256];

  static {
    Arrays.fill(PLAIN, true);
    for (char sign : new char[] {'"', ':', ',', '{', '}', '[', ']', '\n', '\r'}) {
      PLAIN[sign] = false;
    }
  }

  /** Per IO thread: a direct buffer is copied here in slices before it is scanned. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

  /** The Responses API: every {@code *.delta} event carries its text as {@code delta}. */
  static final byte[][] RESPONSES_CONTENT = {bytes("delta")};

  private final boolean stream;
  private final byte[][] contentKeys;
  private final byte[] key = new byte[KEY_ROOM];
  private int keyLength;
  private boolean inString;
  private boolean escaped;
  private boolean contentString;
  private int after = NOTHING;
  private int pendingKey = OTHER;
  private int depth;
  private int usageDepth = -1;
  private long number;
  private long prompt = -1;
  private long completion = -1;
  private boolean newline;
  private boolean eventHasContent;
  private long contentEvents;
  private boolean sawUsage;
  private long usagePrompt;
  private long usageCompletion;

  /**
   * @param stream whether the answer is an event stream (content events are counted)
   * @param contentKeys the keys whose non-empty string values make an event a content event
   */
  TokenScanner(boolean stream, byte[][] contentKeys) {
    this.stream = stream;
    this.contentKeys = contentKeys;
  }

  /** Reads the buffer's remaining bytes without moving its position. */
  void scan(ByteBuffer bytes) {
    if (bytes.hasArray()) {
      int from = bytes.arrayOffset() + bytes.position();
      scan(bytes.array(), from, from + bytes.remaining());
      return;
    }
    // A direct buffer read byte by byte costs several times a heap array's bulk copy and scan.
    byte[] scratch = SCRATCH.get();
    for (int at = bytes.position(), limit = bytes.limit(); at < limit; at += scratch.length) {
      int length = Math.min(scratch.length, limit - at);
      bytes.get(at, scratch, 0, length);
      scan(scratch, 0, length);
    }
  }

  private void scan(byte[] data, int from, int to) {
    int i = from;
    while (i < to) {
      if (!inString) {
        if (after == NOTHING && PLAIN[data[i] & 0xff]) {
          // A literal, a number that is no count, blanks: nothing to do until the next sign.
          newline = false;
          do {
            i++;
          } while (i < to && PLAIN[data[i] & 0xff]);
          continue;
        }
        step(data[i++]);
        continue;
      }
      if (escaped) {
        escaped = false;
        stringBytes(data, i++, 1);
        continue;
      }
      // Most of an answer is text inside strings: run to the next byte that matters.
      int start = i;
      while (i < to && data[i] != '"' && data[i] != '\\' && data[i] != '\n') {
        i++;
      }
      stringBytes(data, start, i - start);
      if (i == to) {
        return;
      }
      byte b = data[i++];
      if (b == '\\') {
        escaped = true;
        stringBytes(data, i - 1, 1);
      } else if (b == '"') {
        inString = false;
      } else {
        // JSON strings hold no raw line break: the data was not JSON, so start over on this line.
        inString = false;
        lineEnded();
      }
    }
  }

  /** Bytes inside a string: a content value is not empty; a key's first bytes are kept. */
  private void stringBytes(byte[] data, int from, int count) {
    if (count == 0) {
      return;
    }
    if (contentString) {
      eventHasContent = true;
    }
    // Keys are short: a loop beats System.arraycopy's set-up; values are not kept at all.
    for (int i = from, end = from + count; i < end && keyLength <= KEY_ROOM; i++) {
      if (keyLength < KEY_ROOM) {
        key[keyLength] = data[i];
      }
      keyLength++;
    }
  }

  /**
   * What the answer served so far: its last {@code usage}, else (for a stream) its content events
   * as an estimate, else nothing.
   */
  Optional<TokensServed> served() {
    if (sawUsage) {
      return Optional.of(TokensServed.usage(usagePrompt, usageCompletion));
    }
    return contentEvents > 0 ? Optional.of(TokensServed.estimate(contentEvents)) : Optional.empty();
  }

  private void step(byte b) {
    if (b == '\n') {
      endNumber();
      lineEnded();
      return;
    }
    if (b == '\r') {
      return;
    }
    newline = false;
    switch (b) {
      case '"' -> {
        inString = true;
        boolean value = after == AFTER_COLON;
        // A value is never a key: mark it as too long to be one, so none of it is kept.
        keyLength = value ? KEY_ROOM + 1 : 0;
        contentString = value && pendingKey == CONTENT;
        after = value ? NOTHING : AFTER_STRING;
      }
      case ':' -> {
        pendingKey = after == AFTER_STRING ? classify() : OTHER;
        after = after == AFTER_STRING ? AFTER_COLON : NOTHING;
      }
      case '{', '[' -> {
        if (b == '{' && after == AFTER_COLON && pendingKey == USAGE) {
          usageDepth = depth + 1;
          prompt = -1;
          completion = -1;
        }
        depth++;
        after = NOTHING;
      }
      case '}', ']' -> {
        endNumber();
        depth--;
        if (usageDepth > 0 && depth < usageDepth) {
          endUsage();
        }
        after = NOTHING;
      }
      case ',' -> {
        endNumber();
        after = NOTHING;
      }
      case ' ', '\t' -> endNumber();
      default -> other(b);
    }
  }

  private void other(byte b) {
    boolean digit = b >= '0' && b <= '9';
    if (after == IN_NUMBER && digit) {
      number = Math.min(Long.MAX_VALUE / 10 - 9, number) * 10 + (b - '0');
    } else if (digit
        && after == AFTER_COLON
        && depth == usageDepth
        && (pendingKey == PROMPT || pendingKey == COMPLETION)) {
      number = b - '0';
      after = IN_NUMBER;
    } else {
      // A literal, a fraction or an exponent: whatever number was read is not a count.
      after = NOTHING;
    }
  }

  private void endNumber() {
    if (after == IN_NUMBER) {
      if (pendingKey == PROMPT) {
        prompt = number;
      } else {
        completion = number;
      }
      after = NOTHING;
    }
  }

  private void endUsage() {
    if (prompt >= 0 || completion >= 0) {
      sawUsage = true;
      usagePrompt = Math.max(0, prompt);
      usageCompletion = Math.max(0, completion);
    }
    usageDepth = -1;
  }

  /** A line ended; a blank line ends an event of a stream. */
  private void lineEnded() {
    if (newline && stream) {
      if (eventHasContent) {
        contentEvents++;
      }
      eventHasContent = false;
      // Each event's data is a JSON document of its own: whatever the last left open is dropped.
      depth = 0;
      usageDepth = -1;
      after = NOTHING;
    }
    newline = true;
  }

  private int classify() {
    // No name that matters is shorter than "text" or longer than the room kept.
    if (keyLength < 4 || keyLength > KEY_ROOM) {
      return OTHER;
    }
    if (matches(USAGE_KEYS)) {
      return USAGE;
    }
    if (matches(PROMPT_KEYS)) {
      return PROMPT;
    }
    if (matches(COMPLETION_KEYS)) {
      return COMPLETION;
    }
    return stream && matches(contentKeys) ? CONTENT : OTHER;
  }

  /** Whether the key is one of the names; cheap for the many keys that are none of them. */
  private boolean matches(byte[][] names) {
    for (byte[] name : names) {
      if (name.length == keyLength && name[0] == key[0] && sameTail(name)) {
        return true;
      }
    }
    return false;
  }

  private boolean sameTail(byte[] name) {
    for (int i = 1; i < name.length; i++) {
      if (name[i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
