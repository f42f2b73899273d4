package dev.vastproxy.bench.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.bench.client.Loopback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeyTest {
  static final String CSV =
      """
      response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset
      0.0012,0.0003,0.0000,0.0000,0.0008,0.0000,200,0.0010
      0.0011,0.0000,0.0000,0.0000,0.0010,0.0000,200,0.0020
      0.0025,0.0000,0.0000,0.0000,0.0024,0.0000,503,0.0030
      0.0010,0.0000,0.0000,0.0000,0.0009,0.0000,200,0.0040
      """;

  @TempDir Path dir;

  @Test
  void readsEachRequestsLatencyAndStatus() throws IOException {
    HeyResult result = Hey.parse(CSV, 2.0);

    assertThat(result.latency().p50()).isEqualTo(1.1);
    assertThat(result.latency().p99()).isEqualTo(2.5);
    assertThat(result.requestsPerSecond()).isEqualTo(2.0);
    assertThat(result.failed()).isEqualTo(1);
    assertThatThrownBy(() -> Hey.parse("Error: nothing", 1)).isInstanceOf(IOException.class);
  }

  @Test
  void pacesTheLoadOverItsWorkers() throws IOException {
    Path fake = FakeTool.script(dir, "hey", CSV);
    JsonLoad load =
        new JsonLoad(
            Loopback.port(9000),
            "/v1/x",
            "{}".getBytes(StandardCharsets.UTF_8),
            "text/plain",
            "tok",
            8,
            Duration.ofSeconds(3));

    HeyResult result = new Hey(fake).run(load, 4000, dir);

    assertThat(result.latency().count()).isEqualTo(4);
    assertThat(Files.readString(dir.resolve("args.txt")))
        .contains("-z\n3s\n-c\n8\n-q\n500\n-m\nPOST\n-T\ntext/plain\n")
        .contains("Authorization: Bearer tok")
        .endsWith("http://127.0.0.1:9000/v1/x\n");
    assertThat(Files.readString(dir.resolve("body.json"))).isEqualTo("{}");
  }
}
