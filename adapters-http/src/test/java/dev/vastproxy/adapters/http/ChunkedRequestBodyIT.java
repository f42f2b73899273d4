package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.relay.ProxySettings;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON bodies of unknown length (chunked): read for their model up to the peek limit, and passed on
 * byte for byte whether or not they fit.
 */
class ChunkedRequestBodyIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private HttpResponse<String> sendChunked(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String received() {
    return new String(proxy.engine(101).requests().get(0).body(), StandardCharsets.UTF_8);
  }

  @Test
  void aChunkedBodyWithinTheLimitIsRoutedByItsModel() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)).start();
    String body =
        "{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[],\"pad\":\"" + "y".repeat(20_000) + "\"}";
    String unknown = "{\"model\":\"nobody-serves-this\",\"messages\":[]}";

    HttpResponse<String> served = sendChunked(body);
    HttpResponse<String> refused = sendChunked(unknown);

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(received()).isEqualTo(body);
    assertThat(refused.statusCode()).isEqualTo(404);
  }

  @Test
  void aChunkedBodyOverTheLimitStreamsThroughUnchanged() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1))
            .settings(new ProxySettings(64, Duration.ofSeconds(2), Duration.ofMinutes(1), 3))
            .start();
    String body =
        "{\"messages\":[],\"pad\":\"" + "z".repeat(5_000) + "\",\"model\":\"Qwen/Qwen3-8B\"}";

    HttpResponse<String> response = sendChunked(body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(received()).isEqualTo(body);
  }

  private static String chunkedHead() {
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  }

  private static String chunk(String data) {
    return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
  }

  @Test
  void smallTrailersAreTakenAndTheRequestServed() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)).start();
    String body = "{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}";

    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(chunkedHead() + chunk(body) + "0\r\nX-Checksum: 1\r\n\r\n");

      assertThat(client.readUntil("HTTP/1.1 200")).as(client.received()).isTrue();
    }
    assertThat(received()).isEqualTo(body);
  }

  @Test
  void trailersThatGoOnPastTheHeadLimitAreRefusedWith431NotKept() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)).start();
    String body = "{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}";
    StringBuilder trailers = new StringBuilder("0\r\n");
    for (int line = 0; trailers.length() < 1024 * 1024; line++) {
      trailers
          .append("X-Trailer-")
          .append(line)
          .append(": ")
          .append("t".repeat(100))
          .append("\r\n");
    }

    try (RawHttp client = new RawHttp(proxy.port())) {
      // The trailers never end: before the limit, the proxy kept reading and keeping them.
      client.send(chunkedHead() + chunk(body) + trailers);

      assertThat(client.readUntil("HTTP/1.1 431")).as(client.received()).isTrue();
      assertThat(client.readToEnd()).contains("request trailers too large");
    }
    assertThat(proxy.engine(101).requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // a chunk longer than its size: Undertow skipped to the next line feed, and waited
        "5\r\nhelloXX",
        // a size that is not hex: Undertow read it as the last chunk
        "ZZZ\r\n"
      })
  void brokenChunkFramingIsRefusedWith400AndNeverReachesAnEngine(String broken) throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.timing(Duration.ZERO, Duration.ZERO, 1)).start();
    String body = "{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}";

    for (boolean oneWrite : new boolean[] {true, false}) {
      try (RawHttp client = new RawHttp(proxy.port())) {
        // In one write the framing arrives with the head; in two it comes after.
        if (oneWrite) {
          client.send(chunkedHead() + chunk(body) + broken);
        } else {
          client.send(chunkedHead() + chunk(body));
          client.send(broken);
        }

        assertThat(client.readUntil("HTTP/1.1 400")).as(client.received()).isTrue();
        assertThat(client.readToEnd()).contains("malformed chunked body");
      }
    }
    assertThat(proxy.engine(101).requests()).isEmpty();
  }
}
