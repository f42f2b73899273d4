package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.simulator.engine.RecordedRequest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request heads over 32 KiB get 431 and HTTP versions other than 1.0 and 1.1 get 505, on the first
 * request of a connection and on later ones, and nothing of them reaches an engine.
 */
class RequestHeadLimitsIT {
  private static final String CHAT =
      "{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private ProxyHarness proxy;

  @BeforeEach
  void start() {
    proxy = ProxyHarness.builder(1).start();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void aHeadOf16KiBIsForwarded() throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.post("/v1/chat/completions", CHAT, "X-Pad", "p".repeat(16 * 1024));
      assertThat(client.readUntil("\r\n\r\n")).isTrue();

      assertThat(client.received()).startsWith("HTTP/1.1 200");
    }
    assertThat(proxy.engines.get(0).requests()).hasSize(1);
  }

  @Test
  void aHeadOf64KiBGets431AndTheConnectionIsClosed() throws Exception {
    assertTooLarge(64 * 1024);
  }

  @Test
  void aHeadOf1MiBGets431Too() throws Exception {
    assertTooLarge(1024 * 1024);
  }

  @Test
  void aTooLargeHeadAfterAGoodRequestOnTheSameConnectionGets431() throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send("GET /metrics HTTP/1.1\r\nHost: proxy\r\n\r\n");
      assertThat(client.readUntil("\r\n\r\n")).isTrue();
      client.send(head("GET /metrics", "HTTP/1.1", 64 * 1024));

      assertThat(client.readToEnd())
          .startsWith("HTTP/1.1 404")
          .contains("HTTP/1.1 431 Request Header Fields Too Large");
    }
  }

  @Test
  void unsupportedVersionsGet505() throws Exception {
    for (String version : new String[] {"HTTP/9.9", "HTTP/2.0", "HTTP/0.9", "HTTP/1.2"}) {
      try (RawHttp client = new RawHttp(proxy.port())) {
        client.send("POST /v1/chat/completions " + version + "\r\nHost: proxy\r\n\r\n");

        String answer = client.readToEnd();

        assertThat(answer).as(version).startsWith("HTTP/1.1 505 HTTP Version Not Supported");
        assertThat(body(answer).get("error").get("code").asText())
            .isEqualTo("http_version_not_supported");
      }
    }
    assertThat(proxy.engines.get(0).requests()).isEmpty();
  }

  @Test
  void http10AndHttp11AreServed() throws Exception {
    for (String version : new String[] {"HTTP/1.0", "HTTP/1.1"}) {
      try (RawHttp client = new RawHttp(proxy.port())) {
        client.send("GET /v1/models " + version + "\r\nHost: proxy\r\nConnection: close\r\n\r\n");

        assertThat(client.readToEnd()).as(version).startsWith(version + " 200");
      }
    }
  }

  @Test
  void aPipelinedRequestWithABadVersionGets505AfterTheGoodOneIsAnswered() throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(
          "GET /metrics HTTP/1.1\r\nHost: proxy\r\n\r\n"
              + "POST /v1/chat/completions HTTP/9.9\r\nHost: proxy\r\nContent-Length: 0\r\n\r\n");

      String answers = client.readToEnd();

      assertThat(answers).startsWith("HTTP/1.1 404").contains("HTTP/1.1 505");
    }
    assertThat(proxy.engines.get(0).requests()).isEmpty();
  }

  @Test
  void aBadVersionAfterABodyOnTheSameConnectionGets505() throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.post("/v1/chat/completions", CHAT);
      assertThat(client.readUntil("\r\n\r\n")).isTrue();
      assertThat(client.readUntil("}")).isTrue();
      client.send("GET /v1/models HTTP/3.0\r\nHost: proxy\r\n\r\n");

      assertThat(client.readToEnd()).contains("HTTP/1.1 505");
    }
    assertThat(proxy.engines.get(0).requests())
        .extracting(RecordedRequest::path)
        .containsExactly("/v1/chat/completions");
  }

  private void assertTooLarge(int size) throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      // Sent from another thread: a 1 MiB head does not fit in the socket buffers, and the
      // server stops reading it.
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                try {
                  client.send(head("POST /v1/chat/completions", "HTTP/1.1", size));
                } catch (IOException refused) {
                  // the server closed while we were still sending
                }
              });

      String answer = client.readToEnd();

      assertThat(answer).startsWith("HTTP/1.1 431 Request Header Fields Too Large");
      assertThat(answer).contains("Connection: close");
      assertThat(body(answer).get("error").get("code").asText())
          .isEqualTo("request_header_fields_too_large");
      sending.join();
    }
    assertThat(proxy.engines.get(0).requests()).isEmpty();
  }

  /** A head of about {@code size} bytes, padded with headers of 1 KiB each. */
  private static String head(String requestLine, String version, int size) {
    StringBuilder head = new StringBuilder(requestLine + " " + version + "\r\nHost: proxy\r\n");
    for (int i = 0; head.length() < size; i++) {
      head.append("X-Pad-").append(i).append(": ").append("p".repeat(1000)).append("\r\n");
    }
    return head.append("Content-Length: 0\r\n\r\n").toString();
  }

  private static JsonNode body(String answer) throws Exception {
    return new ObjectMapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }
}
