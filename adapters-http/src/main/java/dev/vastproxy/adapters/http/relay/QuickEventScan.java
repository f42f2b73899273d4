package dev.vastproxy.adapters.http.relay;

import java.nio.charset.StandardCharsets;

/**
 * Reads an ordinary completion chunk ({@code {"id":…,"choices":[{"delta":{"content":…}}]}}) by
 * walking its bytes, for the fields {@link EventReader} reports, without a JSON parser. Nothing is
 * told until the whole chunk was read; anything out of the ordinary — escaped or non-ASCII keys,
 * numbers it does not expect, more than two texts, a string it cannot decode — makes {@link #run}
 * answer false, and the caller asks a real parser instead.
 */
final class QuickEventScan {
  private static final byte[] ID = bytes("id");
  private static final byte[] CREATED = bytes("created");
  private static final byte[] MODEL = bytes("model");
  private static final byte[] CHOICES = bytes("choices");
  private static final byte[] INDEX = bytes("index");
  private static final byte[] LOGPROBS = bytes("logprobs");
  private static final byte[] FINISH_REASON = bytes("finish_reason");
  private static final byte[] DELTA = bytes("delta");
  private static final byte[] TEXT = bytes("text");
  private static final byte[] CONTENT = bytes("content");
  private static final byte[] TOOL_CALLS = bytes("tool_calls");
  private static final byte[] FUNCTION_CALL = bytes("function_call");
  private static final byte[] REASONING_CONTENT = bytes("reasoning_content");
  private static final byte[] REASONING = bytes("reasoning");
  private static final byte[] USAGE = bytes("usage");
  private static final byte[] PROMPT_TOKENS = bytes("prompt_tokens");
  private static final byte[] INPUT_TOKENS = bytes("input_tokens");
  private static final byte[] COMPLETION_TOKENS = bytes("completion_tokens");
  private static final byte[] OUTPUT_TOKENS = bytes("output_tokens");

  private static final byte[] NOTHING = new byte[0];

  private final JsonCursor cursor = new JsonCursor(NOTHING, 0, 0);
  private final boolean chat;
  private boolean wantIdentity;
  private String id = "";
  private boolean hasId;
  private String model = "";
  private long created;
  private int firstFrom;
  private int firstTo;
  private String firstDecoded;
  private int secondFrom;
  private int secondTo;
  private String secondDecoded;
  private int texts;
  private String blocker = "";
  private boolean finished;
  private boolean generated;
  private boolean hasUsage;
  private long usagePrompt;
  private long usageCompletion;

  /**
   * A scan of a chat completion's chunks when {@code chat}, else a text completion's; one serves a
   * whole stream, a chunk at a time (see {@link #on}).
   */
  QuickEventScan(boolean chat) {
    this.chat = chat;
  }

  /** Whether the chunks are a chat completion's. */
  boolean chat() {
    return chat;
  }

  /**
   * Points the scan at the next chunk, forgetting the last.
   *
   * @param from the index of the chunk's opening brace
   */
  QuickEventScan on(byte[] bytes, int from, int to, boolean identity) {
    cursor.reset(bytes, from, to);
    wantIdentity = identity;
    id = "";
    hasId = false;
    model = "";
    created = 0;
    firstDecoded = null;
    secondDecoded = null;
    texts = 0;
    blocker = "";
    finished = false;
    generated = false;
    hasUsage = false;
    usagePrompt = 0;
    usageCompletion = 0;
    return this;
  }

  /** Lets go of the chunk's bytes (and its texts), keeping only what the next chunk reuses. */
  void release() {
    cursor.reset(NOTHING, 0, 0);
    firstDecoded = null;
    secondDecoded = null;
    texts = 0;
  }

  /** Reads the chunk; false when it is out of the ordinary (and then nothing is told). */
  boolean run() {
    if (!cursor.take('{')) {
      return false;
    }
    if (cursor.take('}')) {
      return true;
    }
    do {
      if (!cursor.key() || !topLevelValue()) {
        return false;
      }
    } while (cursor.take(','));
    return cursor.take('}');
  }

  /** Tells the sink what {@link #run} read, in the order a parser would. */
  void tell(EventReader.Sink sink) {
    if (texts > 0) {
      tellText(sink, firstFrom, firstTo, firstDecoded);
    }
    if (texts > 1) {
      tellText(sink, secondFrom, secondTo, secondDecoded);
    }
    if (!blocker.isEmpty()) {
      sink.blocked(blocker);
    }
    if (finished) {
      sink.finished();
    }
    if (generated) {
      sink.generated();
    }
    if (hasUsage) {
      sink.usage(usagePrompt, usageCompletion);
    }
    if (hasId) {
      sink.identity(id, created, model);
    }
  }

  private boolean topLevelValue() {
    if (wantIdentity && cursor.keyIs(ID) && cursor.peek('"')) {
      String text = string();
      hasId = text != null;
      id = hasId ? text : "";
      return hasId;
    }
    if (wantIdentity && cursor.keyIs(MODEL) && cursor.peek('"')) {
      String text = string();
      model = text == null ? "" : text;
      return text != null;
    }
    if (wantIdentity && cursor.keyIs(CREATED)) {
      long value = cursor.digits();
      created = Math.max(value, 0);
      return value >= 0;
    }
    if (cursor.keyIs(CHOICES) && cursor.take('[')) {
      if (cursor.take(']')) {
        return true;
      }
      do {
        if (!cursor.take('{') || !choice()) {
          return false;
        }
      } while (cursor.take(','));
      return cursor.take(']');
    }
    if (cursor.keyIs(USAGE) && cursor.take('{')) {
      return usage();
    }
    return cursor.skipValue();
  }

  /** A usage object's members, after its opening brace, through its closing one. */
  private boolean usage() {
    hasUsage = true;
    usagePrompt = 0;
    usageCompletion = 0;
    if (cursor.take('}')) {
      return true;
    }
    do {
      if (!cursor.key()) {
        return false;
      }
      boolean prompt = cursor.keyIs(PROMPT_TOKENS) || cursor.keyIs(INPUT_TOKENS);
      if (prompt || cursor.keyIs(COMPLETION_TOKENS) || cursor.keyIs(OUTPUT_TOKENS)) {
        long value = cursor.digits();
        if (value < 0) {
          return false;
        }
        if (prompt) {
          usagePrompt = value;
        } else {
          usageCompletion = value;
        }
      } else if (!cursor.skipValue()) {
        return false;
      }
    } while (cursor.take(','));
    return cursor.take('}');
  }

  /** One choice's members, after its opening brace, through its closing one. */
  private boolean choice() {
    if (cursor.take('}')) {
      return true;
    }
    do {
      if (!cursor.key() || !choiceValue()) {
        return false;
      }
    } while (cursor.take(','));
    return cursor.take('}');
  }

  private boolean choiceValue() {
    if (cursor.keyIs(INDEX)) {
      long index = cursor.digits();
      if (index > 0) {
        blocker = "more than one choice is streamed";
      }
      return index >= 0;
    }
    if (cursor.keyIs(LOGPROBS)) {
      return cursor.takeNull() || block("log probabilities are streamed");
    }
    if (cursor.keyIs(FINISH_REASON)) {
      if (cursor.takeNull()) {
        return true;
      }
      finished = true;
      return cursor.skipValue();
    }
    if (cursor.keyIs(DELTA) && chat && cursor.take('{')) {
      return delta();
    }
    if (cursor.keyIs(TEXT)) {
      return text(!chat);
    }
    return cursor.skipValue();
  }

  /** A chat delta's members, after its opening brace, through its closing one. */
  private boolean delta() {
    if (cursor.take('}')) {
      return true;
    }
    do {
      if (!cursor.key() || !deltaValue()) {
        return false;
      }
    } while (cursor.take(','));
    return cursor.take('}');
  }

  private boolean deltaValue() {
    if (cursor.keyIs(CONTENT)) {
      return text(true);
    }
    if (cursor.keyIs(TOOL_CALLS) || cursor.keyIs(FUNCTION_CALL)) {
      if (cursor.takeNull()) {
        return true;
      }
      generated = true;
      return block("a tool call is streaming");
    }
    if ((cursor.keyIs(REASONING_CONTENT) || cursor.keyIs(REASONING)) && cursor.peek('"')) {
      int start = cursor.at();
      if (!cursor.skipString()) {
        return false;
      }
      if (cursor.at() - start > 2) {
        generated = true;
        blocker = "reasoning was streamed";
      }
      return true;
    }
    return cursor.skipValue();
  }

  /** A content or text value: counted when {@code counts}, and only when it is a string. */
  private boolean text(boolean counts) {
    if (!counts) {
      return cursor.skipValue();
    }
    if (cursor.takeNull()) {
      return true;
    }
    if (!cursor.peek('"')) {
      return block("the content is not text");
    }
    if (texts == 2) {
      return false;
    }
    int start = cursor.at() + 1;
    if (!cursor.skipString()) {
      return false;
    }
    int end = cursor.at() - 1;
    String decoded = null;
    if (needsDecoding(cursor.bytes(), start, end)) {
      decoded = JsonEscapes.decode(cursor.bytes(), start, end);
      if (decoded == null) {
        return false;
      }
      if (decoded.isEmpty()) {
        return true;
      }
    } else if (end == start) {
      return true;
    }
    generated = true;
    if (texts == 0) {
      firstFrom = start;
      firstTo = end;
      firstDecoded = decoded;
    } else {
      secondFrom = start;
      secondTo = end;
      secondDecoded = decoded;
    }
    texts++;
    return true;
  }

  /**
   * Tells a text: its bytes when they needed no unescaping (the usual token, spared a string), else
   * its decoded string.
   */
  private void tellText(EventReader.Sink sink, int from, int to, String decoded) {
    if (decoded == null) {
      sink.content(cursor.bytes(), from, to);
    } else {
      sink.content(decoded);
    }
  }

  private boolean block(String reason) {
    blocker = reason;
    return cursor.skipValue();
  }

  /** The string here, decoded, or null when it holds what only a parser should judge. */
  private String string() {
    byte[] bytes = cursor.bytes();
    int start = cursor.at() + 1;
    if (!cursor.skipString()) {
      return null;
    }
    int end = cursor.at() - 1;
    return needsDecoding(bytes, start, end)
        ? JsonEscapes.decode(bytes, start, end)
        : new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  /** Whether a JSON string's bytes hold an escape or a control character. */
  private static boolean needsDecoding(byte[] bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      if (bytes[i] == '\\' || (bytes[i] >= 0 && bytes[i] < 0x20)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
