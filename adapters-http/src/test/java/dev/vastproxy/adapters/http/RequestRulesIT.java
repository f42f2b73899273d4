package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.front.RequestRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Methods the API does not use get 405 with {@code Allow}; a Transfer-Encoding other than exactly
 * {@code chunked} gets 400 (501 for codings before a final chunked) and a closed connection; none
 * of them reaches an engine.
 */
class RequestRulesIT {
  private ProxyHarness proxy;

  @BeforeEach
  void start() {
    proxy = ProxyHarness.builder(1).clientKeys("client-key").start();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void methodsTheApiDoesNotUseGet405WithAllow() throws Exception {
    for (String method : new String[] {"TRACE", "PROPFIND", "CONNECT", "FOO"}) {
      try (RawHttp client = new RawHttp(proxy.port())) {
        String target = method.equals("CONNECT") ? "proxy:443" : "/v1/models";
        client.send(
            method + " " + target + " HTTP/1.1\r\nHost: proxy\r\nConnection: close\r\n\r\n");

        String answer = client.readToEnd();

        assertThat(answer)
            .as(method)
            .startsWith("HTTP/1.1 405")
            .containsIgnoringCase("Allow: " + RequestRules.ALLOWED)
            .contains("\"type\":\"invalid_request_error\"");
      }
    }
    assertThat(proxy.engines.get(0).requests()).isEmpty();
  }

  @Test
  void aTransferEncodingThatIsNotExactlyChunkedGets400AndAClose() throws Exception {
    for (String coding : new String[] {"xchunked", "chunked, ", "identity", "chunked, chunked"}) {
      assertThat(postWith(coding))
          .as(coding)
          .startsWith("HTTP/1.1 400")
          .contains("Connection: close");
    }
    assertThat(proxy.engines.get(0).requests()).isEmpty();
  }

  @Test
  void codingsBeforeAFinalChunkedGet501AndAClose() throws Exception {
    assertThat(postWith("gzip, chunked")).startsWith("HTTP/1.1 501").contains("Connection: close");
    assertThat(proxy.engines.get(0).requests()).isEmpty();
  }

  @Test
  void chunkedInAnyCaseIsForwarded() throws Exception {
    assertThat(postWith("Chunked")).startsWith("HTTP/1.1 200");
    assertThat(proxy.engines.get(0).requests()).hasSize(1);
  }

  @Test
  void chunkedOverHttp10Gets400() throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(
          "POST /v1/chat/completions HTTP/1.0\r\nHost: proxy\r\nAuthorization: Bearer client-key\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

      assertThat(client.readToEnd()).startsWith("HTTP/1.0 400");
    }
  }

  private String postWith(String transferEncoding) throws Exception {
    String json = "{\"model\":\"Qwen/Qwen3-8B\",\"messages\":[]}";
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(
          "POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\nAuthorization: Bearer client-key\r\n"
              + "Content-Type: application/json\r\nConnection: close\r\n"
              + "Transfer-Encoding: "
              + transferEncoding
              + "\r\n\r\n"
              + Integer.toHexString(json.length())
              + "\r\n"
              + json
              + "\r\n0\r\n\r\n");
      return client.readToEnd();
    }
  }
}
