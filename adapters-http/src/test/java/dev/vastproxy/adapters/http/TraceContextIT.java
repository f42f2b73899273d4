package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The client's W3C trace context reaches the engine unchanged, so vLLM's and SGLang's own traces
 * join the client's (both read {@code traceparent}).
 */
class TraceContextIT {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void traceparentAndTracestateGoThroughToTheEngine() throws Exception {
    try (ProxyHarness proxy = ProxyHarness.builder(1).models("m").start()) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                      .header("Content-Type", "application/json")
                      .header("traceparent", TRACEPARENT)
                      .header("tracestate", "vendor=abc")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"model\":\"m\",\"messages\":[],\"stream\":true}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      var headers = proxy.engine(101).requests().get(0).headers();
      assertThat(headers.get("traceparent")).containsExactly(TRACEPARENT);
      assertThat(headers.get("tracestate")).containsExactly("vendor=abc");
    }
  }
}
