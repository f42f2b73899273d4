package dev.vastproxy.bench.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * What the streaming load client asks for: {@code streams} POSTs, their starts spread evenly over
 * the ramp, each answered with {@code events} SSE token events.
 *
 * @param path path and query (the mock backend reads {@code n}, {@code delay_ms}, {@code ttft_ms})
 * @param body the request body
 * @param contentType the request's Content-Type
 * @param bearer the bearer token to send (empty for none)
 * @param streams how many streams
 * @param ramp the time over which the streams start
 * @param events the token events each stream must carry
 * @param timeout how long after the ramp unfinished streams are given up
 */
public record SseWorkload(
    String path,
    byte[] body,
    String contentType,
    String bearer,
    int streams,
    Duration ramp,
    int events,
    Duration timeout) {
  public SseWorkload {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(bearer, "bearer");
    Objects.requireNonNull(ramp, "ramp");
    Objects.requireNonNull(timeout, "timeout");
    if (streams <= 0 || events < 0) {
      throw new IllegalArgumentException("streams must be positive and events not negative");
    }
    body = body.clone();
  }

  /**
   * A streamed chat completion: {@code events} tokens every {@code delayMs} after {@code ttftMs}.
   */
  public static SseWorkload chat(
      String model,
      String bearer,
      int streams,
      Duration ramp,
      int events,
      int delayMs,
      int ttftMs,
      Duration timeout) {
    String body =
        "{\"model\":\""
            + model
            + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    return new SseWorkload(
        "/v1/chat/completions?n=" + events + "&delay_ms=" + delayMs + "&ttft_ms=" + ttftMs,
        body.getBytes(StandardCharsets.UTF_8),
        "application/json",
        bearer,
        streams,
        ramp,
        events,
        timeout);
  }

  /** The same workload with another stream count and ramp. */
  public SseWorkload withStreams(int count, Duration newRamp) {
    return new SseWorkload(path, body, contentType, bearer, count, newRamp, events, timeout);
  }

  /** The HTTP/1.1 request bytes for a host header value. */
  byte[] request(String hostHeader) {
    StringBuilder head = new StringBuilder(256);
    head.append("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(hostHeader).append("\r\n");
    if (!bearer.isEmpty()) {
      head.append("Authorization: Bearer ").append(bearer).append("\r\n");
    }
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Accept: text/event-stream\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("Connection: close\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }
}
