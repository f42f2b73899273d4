package dev.vastproxy.simulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Writes the OpenAI-style bodies a fake engine streams: completion chunks and SSE frames. */
public final class ChatChunks {
  /** The event that ends every stream. */
  public static final String DONE = "data: [DONE]\n\n";

  private ChatChunks() {}

  /** One SSE frame carrying a JSON payload. */
  public static String frame(String json) {
    return "data: " + json + "\n\n";
  }

  /** A {@code chat.completion.chunk} with one token of content, as vLLM and SGLang send it. */
  public static String chatChunk(String id, String model, String content) {
    return chunk(id, model, content).append('}').toString();
  }

  /**
   * A {@code chat.completion.chunk} with one token of content and a non-standard {@code "t"} field,
   * for benchmarks only.
   *
   * @param sentAtNanos the engine's {@link System#nanoTime()} when it sent the chunk, for delivery
   *     latency measurements on one host
   */
  public static String chatChunk(String id, String model, String content, long sentAtNanos) {
    return chunk(id, model, content).append(",\"t\":").append(sentAtNanos).append('}').toString();
  }

  private static StringBuilder chunk(String id, String model, String content) {
    StringBuilder json = new StringBuilder(160);
    json.append("{\"id\":\"").append(id).append("\",\"object\":\"chat.completion.chunk\",");
    json.append("\"created\":1786003700,\"model\":\"");
    JsonStringEncoder.getInstance().quoteAsString(model, json);
    json.append("\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
    JsonStringEncoder.getInstance().quoteAsString(content, json);
    return json.append("\"},\"finish_reason\":null}]");
  }
}
