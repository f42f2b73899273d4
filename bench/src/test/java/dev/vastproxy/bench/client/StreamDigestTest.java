package dev.vastproxy.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamDigestTest {
  private static StreamDigest digest(String... events) {
    StreamDigest.Builder builder = new StreamDigest.Builder();
    for (String event : events) {
      byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
      builder.event(bytes, bytes.length);
    }
    return builder.build();
  }

  @Test
  void ignoresIdsAndSendTimesButNothingElse() {
    StreamDigest a = digest("data: {\"id\":\"cmpl-1\",\"x\":\"Hello\",\"t\":123}\n\n");
    StreamDigest b = digest("data: {\"id\":\"cmpl-99\",\"x\":\"Hello\",\"t\":-4567}\n\n");
    StreamDigest changed = digest("data: {\"id\":\"cmpl-1\",\"x\":\"Hellp\",\"t\":123}\n\n");
    StreamDigest shorter = digest("data: {\"id\":\"cmpl-1\",\"x\":\"Hell\",\"t\":123}\n\n");

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(changed);
    assertThat(a.length()).isGreaterThan(shorter.length());
  }

  @Test
  void handlesPatternsAtTheEdges() {
    assertThat(digest("\"t\":")).isEqualTo(digest("\"t\":42"));
    assertThat(digest("\"id\":\"")).isEqualTo(digest("\"id\":\"unterminated"));
    assertThat(digest("\"i")).isNotEqualTo(digest("\"t"));
  }
}
