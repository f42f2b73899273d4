package dev.vastproxy.bench.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.bench.client.Loopback;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrkTest {
  static final String OUTPUT =
      """
      Running 10s test @ http://127.0.0.1:8080/v1/chat/completions
        2 threads and 64 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency   635.91us    0.89ms  12.92ms   93.09%
          Req/Sec     9.28k     1.36k   12.46k    77.50%
        Latency Distribution
           50%  371.00us
           75%  619.00us
           90%    1.20ms
           99%    4.40ms
        184646 requests in 10.01s, 15.96MB read
        Socket errors: connect 0, read 2, write 0, timeout 1
        Non-2xx or 3xx responses: 12
      Requests/sec:  18447.92
      Transfer/sec:      1.59MB
      """;

  @TempDir Path dir;

  private final JsonLoad load =
      new JsonLoad(
          Loopback.port(8080),
          "/v1/chat/completions",
          "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8),
          "application/json",
          "tok",
          64,
          Duration.ofSeconds(10));

  @Test
  void readsThroughputLatencyAndErrors() throws IOException {
    WrkResult result = Wrk.parse(OUTPUT);

    assertThat(result.requestsPerSecond()).isEqualTo(18447.92);
    assertThat(result.requests()).isEqualTo(184646);
    assertThat(result.p50Millis()).isEqualTo(0.371);
    assertThat(result.p99Millis()).isEqualTo(4.4);
    assertThat(result.errors()).isEqualTo(15);
    assertThat(Wrk.parse(OUTPUT.replace("99%    4.40ms", "99%    1.50s")).p99Millis())
        .isEqualTo(1500);
    assertThatThrownBy(() -> Wrk.parse("nothing")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Wrk.parse(OUTPUT.replace("99%", "98%")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void postsTheBodyThroughALuaScript() throws IOException {
    String script = Wrk.script(load);

    assertThat(script)
        .contains("wrk.method = \"POST\"")
        .contains("wrk.body = [==[{\"model\":\"m\"}]==]")
        .contains("wrk.headers[\"Content-Type\"] = \"application/json\"")
        .contains("wrk.headers[\"Authorization\"] = \"Bearer tok\"");
    assertThat(Wrk.script(load.withContentType("text/plain").lasting(Duration.ofSeconds(1))))
        .contains("text/plain");
  }

  @Test
  void runsTheProgramAndReadsItsReport() throws IOException {
    Path fake = FakeTool.script(dir, "wrk", OUTPUT);

    WrkResult result = new Wrk(fake, 2).run(load, dir);

    assertThat(result.requests()).isEqualTo(184646);
    assertThat(Files.readString(dir.resolve("args.txt")))
        .contains("-t2\n-c64\n-d10s\n--latency\n-s\n")
        .contains("http://127.0.0.1:8080/v1/chat/completions");
  }

  @Test
  void failsWhenTheProgramFails() throws IOException {
    Path failing = dir.resolve("fail");
    Files.writeString(failing, "#!/bin/sh\necho broken\nexit 3\n");
    failing.toFile().setExecutable(true);

    assertThatThrownBy(() -> new Wrk(failing, 1).run(load, dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exited with 3");
  }

  @Test
  void refusesRemoteTargets() {
    assertThatThrownBy(() -> load.at(InetSocketAddress.createUnresolved("example.com", 80)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
