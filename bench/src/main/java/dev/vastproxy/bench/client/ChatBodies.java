package dev.vastproxy.bench.client;

import java.nio.charset.StandardCharsets;

/** The JSON request bodies the benchmark sends. */
public final class ChatBodies {
  /** The path of a non-streamed answer that costs the mock backend nothing: one token, no waits. */
  public static final String INSTANT_PATH = "/v1/chat/completions?n=1&ttft_ms=0&delay_ms=0";

  private ChatBodies() {}

  /** A chat request for one token, padded to exactly {@code size} bytes (at least 128). */
  public static byte[] padded(String model, int size) {
    String head = "{\"model\":\"" + model + "\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",";
    String contentStart = "\"content\":\"";
    String tail = "\"}]}";
    int padding = size - head.length() - contentStart.length() - tail.length();
    if (padding < 0 || size < 128) {
      throw new IllegalArgumentException("a body of " + size + " bytes is too small");
    }
    StringBuilder text = new StringBuilder(size).append(head).append(contentStart);
    String words = "Tell me about the proxy. ";
    for (int i = 0; i < padding; i++) {
      text.append(words.charAt(i % words.length()));
    }
    return text.append(tail).toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A whole HTTP/1.1 request for {@link #INSTANT_PATH} with {@code Connection: close}, as the
   * start-up probe sends it.
   */
  public static byte[] instantRequest(String model, String bearer, int port) {
    byte[] body = padded(model, 128);
    String head =
        "POST "
            + INSTANT_PATH
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nAuthorization: Bearer "
            + bearer
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }
}
