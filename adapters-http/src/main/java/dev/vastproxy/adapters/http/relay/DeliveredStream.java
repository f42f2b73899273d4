package dev.vastproxy.adapters.http.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A streamed completion as the client has received it: whole events only, what they said (one byte
 * kept per delivered content byte), and whether it can be continued on another engine. While a
 * continuation runs, its events are rewritten to read as the same stream: the first stream's {@code
 * id}, {@code created} and {@code model}, no second role, usage for the whole answer.
 */
final class DeliveredStream {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * The most text kept for a resume: about a million tokens, past any engine's context, so only a
   * broken engine's endless answer reaches it, and memory must not grow with that.
   */
  static final int MAX_TEXT = 4 << 20;

  private final boolean chat;
  private final SseEvents events = new SseEvents();
  private final QuickEventScan scan;
  private final Consumer<ByteBuffer> observer = this::observe;
  private ByteArrayOutputStream delivered = new ByteArrayOutputStream();
  private JsonNode id;
  private JsonNode created;
  private JsonNode model;
  private int contentEvents;
  private int eventsBeforeContinuation;
  private boolean finished;
  private boolean done;
  private Optional<String> blocker = Optional.empty();
  private boolean continuing;
  private TokenTally tally;

  /**
   * @param chat a chat completion's stream (else a text completion's)
   */
  DeliveredStream(boolean chat) {
    this.chat = chat;
    this.scan = new QuickEventScan(chat);
  }

  /** From now on, the events' tokens are counted in {@code into}: the answering backend's tally. */
  void countInto(TokenTally into) {
    tally = into;
  }

  /** What the relay writes for each read: whole events, the continuation's rewritten. */
  ChannelRelay.Filter filter() {
    return read -> {
      ByteBuffer written = continuing ? splice(read) : events.take(read, observer);
      if (!events.cutting() && blocker.isEmpty()) {
        block(
            "an event over " + SseEvents.MAX_EVENT + " bytes came, so the rest passes as it came");
      }
      return written;
    };
  }

  private void block(String reason) {
    blocker = Optional.of(reason);
    forgetText();
  }

  /** The stream broke; what follows comes from another engine, rewritten. */
  void continueElsewhere() {
    events.dropTail();
    continuing = true;
    eventsBeforeContinuation = contentEvents;
  }

  /** Whether the answer is complete but for {@code [DONE]}: it only needs ending. */
  boolean finished() {
    return finished && !done;
  }

  /** Whether the client got the whole stream, {@code [DONE]} included. */
  boolean done() {
    return done;
  }

  /** Why what was delivered cannot be continued, if it cannot. */
  Optional<String> blocker() {
    return blocker;
  }

  /** The content delivered so far; empty once forgotten. */
  String text() {
    return delivered == null ? "" : delivered.toString(StandardCharsets.UTF_8);
  }

  /** The text will never be needed (the stream can no longer be resumed): let it go. */
  void forgetText() {
    delivered = null;
  }

  private void keep(String content) {
    byte[] utf8 = content.getBytes(StandardCharsets.UTF_8);
    keep(utf8, 0, utf8.length);
  }

  private void keep(byte[] utf8, int from, int to) {
    if (delivered == null) {
      return;
    }
    if (delivered.size() + (to - from) > MAX_TEXT) {
      block("over " + MAX_TEXT + " bytes of text were streamed");
    } else {
      delivered.write(utf8, from, to - from);
    }
  }

  /** Content events delivered so far: one token each, as vLLM and SGLang stream. */
  int tokens() {
    return contentEvents;
  }

  /** The event that ends a stream. */
  static byte[] doneEvent() {
    return DONE.clone();
  }

  /**
   * The events that end an answer cut just as its token limit was reached, since no engine can be
   * asked for no tokens: a last chunk with {@code finish_reason: length}, then {@code [DONE]}.
   */
  byte[] endAtLimit() {
    ObjectNode chunk = JSON.createObjectNode();
    putIfKnown(chunk, "id", id);
    chunk.put("object", chat ? "chat.completion.chunk" : "text_completion");
    putIfKnown(chunk, "created", created);
    putIfKnown(chunk, "model", model);
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    if (chat) {
      choice.putObject("delta");
    } else {
      choice.put("text", "");
    }
    choice.put("finish_reason", "length");
    return ("data: " + chunk + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void putIfKnown(ObjectNode chunk, String field, JsonNode value) {
    if (value != null && !value.isNull()) {
      chunk.set(field, value);
    }
  }

  /** An OpenAI-shaped error event, so that SDKs raise instead of returning a truncated answer. */
  static byte[] errorEvent(String message) {
    ObjectNode error = JSON.createObjectNode();
    error
        .putObject("error")
        .put("message", message)
        .put("type", "server_error")
        .put("code", "stream_interrupted");
    return ("data: " + error + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private void observe(ByteBuffer event) {
    if (EventReader.isDone(event)) {
      done = true;
      return;
    }
    EventReader.read(event, scan, id == null, tracker);
  }

  /** What the first stream's events say, kept as it goes. */
  private final EventReader.Sink tracker =
      new EventReader.Sink() {
        @Override
        public void identity(String chunkId, long chunkCreated, String chunkModel) {
          id = JSON.getNodeFactory().textNode(chunkId);
          created = JSON.getNodeFactory().numberNode(chunkCreated);
          model = JSON.getNodeFactory().textNode(chunkModel);
        }

        @Override
        public void content(String text) {
          keep(text);
          contentEvents++;
        }

        @Override
        public void content(byte[] utf8, int from, int to) {
          keep(utf8, from, to);
          contentEvents++;
        }

        @Override
        public void blocked(String reason) {
          block(reason);
        }

        @Override
        public void finished() {
          finished = true;
        }

        @Override
        public void generated() {
          if (tally != null) {
            tally.generated();
          }
        }

        @Override
        public void usage(long prompt, long completion) {
          if (tally != null) {
            tally.usage(prompt, completion);
          }
        }
      };

  private void record(JsonNode chunk) {
    JsonNode choices = chunk.path("choices");
    boolean generated = false;
    for (JsonNode choice : choices) {
      if (choice.path("index").asInt(0) != 0) {
        blocker = Optional.of("more than one choice is streamed");
      }
      if (choice.hasNonNull("logprobs")) {
        blocker = Optional.of("log probabilities are streamed");
      }
      JsonNode delta = chat ? choice.path("delta") : choice;
      if (delta.hasNonNull("tool_calls") || delta.hasNonNull("function_call")) {
        blocker = Optional.of("a tool call is streaming");
        generated = true;
      }
      if (nonEmpty(delta.get("reasoning_content")) || nonEmpty(delta.get("reasoning"))) {
        blocker = Optional.of("reasoning was streamed");
        generated = true;
      }
      JsonNode content = delta.get(chat ? "content" : "text");
      if (content != null && content.isTextual() && !content.asText().isEmpty()) {
        keep(content.asText());
        contentEvents++;
        generated = true;
      } else if (content != null && !content.isNull() && !content.isTextual()) {
        blocker = Optional.of("the content is not text");
      }
      if (choice.hasNonNull("finish_reason")) {
        finished = true;
      }
    }
    if (blocker.isPresent()) {
      forgetText();
    }
    if (generated && tally != null) {
      tally.generated();
    }
  }

  private static boolean nonEmpty(JsonNode value) {
    return value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty());
  }

  /** Rewrites a continuation's events into the first stream's. */
  private ByteBuffer splice(ByteBuffer read) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(read.remaining() + 64);
    ByteBuffer whole = events.take(read, event -> rewrite(event, out));
    if (!events.cutting()) {
      // An event over the limit: no longer cut into events, so passed on as it came.
      return whole;
    }
    whole.position(whole.limit());
    return ByteBuffer.wrap(out.toByteArray());
  }

  private void rewrite(ByteBuffer event, ByteArrayOutputStream out) {
    if (isDone(event)) {
      done = true;
      out.writeBytes(DONE);
      return;
    }
    Optional<JsonNode> data = data(event);
    if (data.isEmpty() || !data.get().isObject()) {
      return;
    }
    ObjectNode chunk = (ObjectNode) data.get();
    // A stream cut before its first event reached the client: the continuation's first event,
    // role included, opens it, and names it for the rest.
    boolean opening = id == null;
    if (opening) {
      id = chunk.get("id");
      created = chunk.get("created");
      model = chunk.get("model");
    }
    putIfPresent(chunk, "id", id);
    putIfPresent(chunk, "created", created);
    putIfPresent(chunk, "model", model);
    boolean keep = chunk.has("usage") && !chunk.get("usage").isNull();
    for (JsonNode choice : chunk.path("choices")) {
      if (chat && choice.path("delta").isObject()) {
        ObjectNode delta = (ObjectNode) choice.get("delta");
        if (!opening) {
          delta.remove("role");
        }
        keep |= delta.size() > 0 && !(delta.size() == 1 && isEmptyContent(delta.get("content")));
      } else {
        keep |= !isEmptyContent(choice.get("text"));
      }
      keep |= choice.hasNonNull("finish_reason");
    }
    if (!keep) {
      return;
    }
    if (tally != null && chunk.path("usage").isObject()) {
      // The continuing engine's own usage is what it is credited with; the client sees the whole.
      JsonNode usage = chunk.get("usage");
      tally.usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    }
    wholeAnswerUsage(chunk);
    record(chunk);
    out.writeBytes(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isEmptyContent(JsonNode content) {
    return content == null || content.isNull() || content.asText().isEmpty();
  }

  /** The continuation's prompt held the delivered tokens; the whole answer's usage counts them. */
  private void wholeAnswerUsage(ObjectNode chunk) {
    JsonNode usage = chunk.get("usage");
    if (usage == null || !usage.isObject()) {
      return;
    }
    ObjectNode counts = (ObjectNode) usage;
    int carried = eventsBeforeContinuation;
    int prompt = Math.max(0, counts.path("prompt_tokens").asInt(0) - carried);
    int completion = counts.path("completion_tokens").asInt(0) + carried;
    counts.put("prompt_tokens", prompt);
    counts.put("completion_tokens", completion);
    counts.put("total_tokens", prompt + completion);
  }

  private static void putIfPresent(ObjectNode chunk, String field, JsonNode value) {
    if (value != null && chunk.has(field)) {
      chunk.set(field, value);
    }
  }

  private boolean isDone(ByteBuffer event) {
    String text = StandardCharsets.UTF_8.decode(event.duplicate()).toString().strip();
    if (text.equals("data: [DONE]") || text.equals("data:[DONE]")) {
      done = true;
      return true;
    }
    return false;
  }

  /** The JSON of an event's data lines; empty for {@code [DONE]}, comments and non-JSON. */
  private Optional<JsonNode> data(ByteBuffer event) {
    String text = StandardCharsets.UTF_8.decode(event.duplicate()).toString();
    StringBuilder data = new StringBuilder();
    for (String line : text.split("\r?\n")) {
      if (line.startsWith("data:")) {
        data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
      }
    }
    String json = data.toString().strip();
    if (json.equals("[DONE]")) {
      done = true;
      return Optional.empty();
    }
    if (json.isEmpty() || json.charAt(0) != '{') {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
