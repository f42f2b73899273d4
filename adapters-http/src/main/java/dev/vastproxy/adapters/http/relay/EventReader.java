package dev.vastproxy.adapters.http.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a relayed completion event says without building a tree or a string of it: one
 * streaming pass over the event's JSON, reporting only the fields a resume needs. It runs for every
 * event of every resumable stream, so it allocates as little as Jackson's parser lets it.
 */
final class EventReader {
  /** What one event says; told field by field as the parser meets them. */
  interface Sink {
    /** The chunk's {@code id}, {@code created} and {@code model}, as JSON text. */
    void identity(String id, long created, String model);

    /** A choice's content delta (chat) or text (completions). */
    void content(String text);

    /**
     * A choice's content delta or text that needed no unescaping: its UTF-8 bytes {@code utf8[from,
     * to)}, valid only during the call. Spares the text's decoding and encoding on every event of a
     * resumable stream.
     */
    default void content(byte[] utf8, int from, int to) {
      content(new String(utf8, from, to - from, StandardCharsets.UTF_8));
    }

    /** The choice cannot be continued faithfully, and why. */
    void blocked(String reason);

    /** A choice finished. */
    void finished();

    /** The event carried generated text: content, reasoning or a tool call; told once. */
    void generated();

    /** The event carried the engine's {@code usage}: prompt and completion tokens. */
    void usage(long prompt, long completion);
  }

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  /** Reused per IO thread: an event in a direct buffer is copied here to be read. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

  private EventReader() {}

  /** Whether the event is {@code data: [DONE]}. */
  static boolean isDone(ByteBuffer event) {
    int start = dataStart(event);
    if (start < 0) {
      return false;
    }
    byte[] done = {'[', 'D', 'O', 'N', 'E', ']'};
    for (int i = 0; i < done.length; i++) {
      if (start + i >= event.limit() || event.get(start + i) != done[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads one event (a single {@code data:} line of JSON) with {@code scan}, the stream's reusable
   * quick walk (which knows whether the stream is a chat's); other events are ignored.
   */
  static void read(ByteBuffer event, QuickEventScan scan, boolean wantIdentity, Sink sink) {
    int start = dataStart(event);
    if (start < 0 || start >= event.limit() || event.get(start) != '{') {
      return;
    }
    byte[] bytes;
    int from;
    int to;
    if (event.hasArray()) {
      bytes = event.array();
      from = event.arrayOffset() + start;
      to = event.arrayOffset() + event.limit();
    } else {
      int length = event.limit() - start;
      bytes = SCRATCH.get();
      if (bytes.length < length) {
        bytes = new byte[Math.max(length, bytes.length * 2)];
        SCRATCH.set(bytes);
      }
      event.get(start, bytes, 0, length);
      from = 0;
      to = length;
    }
    try {
      if (scan.on(bytes, from, to, wantIdentity).run()) {
        scan.tell(sink);
      } else {
        parse(bytes, from, to, scan.chat(), wantIdentity, sink);
      }
    } finally {
      // A held stream keeps its scan between events: it must not keep the last event's bytes.
      scan.release();
    }
  }

  /** Reads one event's JSON with Jackson: whatever the quick scan found out of the ordinary. */
  static void parse(byte[] bytes, int from, int to, boolean chat, boolean wantIdentity, Sink sink) {
    try (JsonParser parser = JSON.createParser(bytes, from, to - from)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      String id = null;
      String model = null;
      long created = 0;
      Generated generated = new Generated(sink);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (wantIdentity && field.equals("id") && value == JsonToken.VALUE_STRING) {
          id = parser.getText();
        } else if (wantIdentity && field.equals("model") && value == JsonToken.VALUE_STRING) {
          model = parser.getText();
        } else if (wantIdentity && field.equals("created") && value.isNumeric()) {
          created = parser.getLongValue();
        } else if (field.equals("choices") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            choice(parser, chat, generated);
          }
        } else if (field.equals("usage") && value == JsonToken.START_OBJECT) {
          usage(parser, sink);
        } else {
          parser.skipChildren();
        }
      }
      if (id != null) {
        sink.identity(id, created, model == null ? "" : model);
      }
    } catch (IOException e) {
      // Not JSON after all: an event the client gets as it is, which says nothing to track.
    }
  }

  /** Tells {@link Sink#generated()} once per event, whatever else it passes on. */
  private static final class Generated implements Sink {
    private final Sink sink;
    private boolean told;

    Generated(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void identity(String id, long created, String model) {
      sink.identity(id, created, model);
    }

    @Override
    public void content(String text) {
      generated();
      sink.content(text);
    }

    @Override
    public void blocked(String reason) {
      sink.blocked(reason);
    }

    @Override
    public void finished() {
      sink.finished();
    }

    @Override
    public void generated() {
      if (!told) {
        told = true;
        sink.generated();
      }
    }

    @Override
    public void usage(long prompt, long completion) {
      sink.usage(prompt, completion);
    }
  }

  private static void usage(JsonParser parser, Sink sink) throws IOException {
    long prompt = 0;
    long completion = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT
          && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          && parser.getLongValue() >= 0) {
        switch (field) {
          case "prompt_tokens", "input_tokens" -> prompt = parser.getLongValue();
          case "completion_tokens", "output_tokens" -> completion = parser.getLongValue();
          default -> {
            // Totals and details: the two counts are what is priced.
          }
        }
      }
      parser.skipChildren();
    }
    sink.usage(prompt, completion);
  }

  private static void choice(JsonParser parser, boolean chat, Sink sink) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "index" -> {
          if (value.isNumeric() && parser.getIntValue() != 0) {
            sink.blocked("more than one choice is streamed");
          }
        }
        case "logprobs" -> {
          if (value != JsonToken.VALUE_NULL) {
            sink.blocked("log probabilities are streamed");
          }
          parser.skipChildren();
        }
        case "finish_reason" -> {
          if (value != JsonToken.VALUE_NULL) {
            sink.finished();
          }
        }
        case "delta" -> {
          if (chat && value == JsonToken.START_OBJECT) {
            delta(parser, sink);
          } else {
            parser.skipChildren();
          }
        }
        case "text" -> text(parser, value, !chat, sink);
        default -> parser.skipChildren();
      }
    }
  }

  private static void delta(JsonParser parser, Sink sink) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "content" -> text(parser, value, true, sink);
        case "tool_calls", "function_call" -> {
          if (value != JsonToken.VALUE_NULL) {
            sink.generated();
            sink.blocked("a tool call is streaming");
          }
          parser.skipChildren();
        }
        case "reasoning_content", "reasoning" -> {
          if (value == JsonToken.VALUE_STRING && !parser.getText().isEmpty()) {
            sink.generated();
            sink.blocked("reasoning was streamed");
          }
          parser.skipChildren();
        }
        default -> parser.skipChildren();
      }
    }
  }

  private static void text(JsonParser parser, JsonToken value, boolean counts, Sink sink)
      throws IOException {
    if (!counts || value == JsonToken.VALUE_NULL) {
      parser.skipChildren();
    } else if (value == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      if (!text.isEmpty()) {
        sink.content(text);
      }
    } else {
      sink.blocked("the content is not text");
      parser.skipChildren();
    }
  }

  /** Where the event's data starts (after {@code data:} and one space), or -1. */
  private static int dataStart(ByteBuffer event) {
    int i = event.position();
    int limit = event.limit();
    if (limit - i < 5
        || event.get(i) != 'd'
        || event.get(i + 1) != 'a'
        || event.get(i + 2) != 't'
        || event.get(i + 3) != 'a'
        || event.get(i + 4) != ':') {
      return -1;
    }
    i += 5;
    return i < limit && event.get(i) == ' ' ? i + 1 : i;
  }
}
