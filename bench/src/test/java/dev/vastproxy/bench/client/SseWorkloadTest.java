package dev.vastproxy.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseWorkloadTest {
  @Test
  void buildsAStreamedChatRequest() {
    SseWorkload workload =
        SseWorkload.chat("m", "tok", 10, Duration.ofSeconds(1), 5, 20, 30, Duration.ofSeconds(9));

    String request = new String(workload.request("127.0.0.1:1234"), StandardCharsets.ISO_8859_1);

    assertThat(workload.path()).isEqualTo("/v1/chat/completions?n=5&delay_ms=20&ttft_ms=30");
    assertThat(request)
        .startsWith("POST /v1/chat/completions?n=5&delay_ms=20&ttft_ms=30 HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:1234\r\n")
        .contains("Authorization: Bearer tok\r\n")
        .contains("Content-Length: " + workload.body().length + "\r\n")
        .endsWith("\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}");
    assertThat(workload.withStreams(3, Duration.ZERO).streams()).isEqualTo(3);
  }

  @Test
  void leavesAuthorizationOutWithoutAToken() {
    SseWorkload workload =
        new SseWorkload("/", new byte[0], "text/plain", "", 1, Duration.ZERO, 0, Duration.ZERO);

    assertThat(new String(workload.request("h"), StandardCharsets.ISO_8859_1))
        .doesNotContain("Authorization");
  }

  @Test
  void refusesNoStreams() {
    assertThatThrownBy(
            () -> new SseWorkload("/", new byte[0], "t", "", 0, Duration.ZERO, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
