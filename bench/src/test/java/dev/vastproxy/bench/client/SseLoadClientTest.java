package dev.vastproxy.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.simulator.engine.FakeEngine;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseLoadClientTest {
  private final FakeEngine engine =
      FakeEngine.builder()
          .model("bench-model")
          .bearerToken("tok")
          .recording(false)
          .sendTimestamps(true)
          .timing(Duration.ofMillis(5), Duration.ofMillis(5), 3)
          .start();

  @AfterEach
  void stop() {
    engine.close();
  }

  private SseWorkload workload(int streams, int events) {
    return SseWorkload.chat(
        "bench-model",
        "tok",
        streams,
        Duration.ofMillis(100),
        events,
        5,
        10,
        Duration.ofSeconds(10));
  }

  @Test
  void timesEveryEventOfEveryStream() throws Exception {
    SseLoadClient client =
        new SseLoadClient(
            List.of(Loopback.port(engine.port())), workload(40, 20), Optional.empty());

    SseRunResult result = client.run();

    assertThat(result.failures()).isEmpty();
    assertThat(result.completed()).isEqualTo(40);
    assertThat(result.broken()).isZero();
    assertThat(result.events()).isEqualTo(40 * 20);
    assertThat(result.delivery().count()).isEqualTo(800);
    assertThat(result.gap().count()).isEqualTo(40 * 19);
    assertThat(result.ttft().p50()).isGreaterThanOrEqualTo(10);
    assertThat(result.ttfb().p50()).isLessThan(result.ttft().p50());
    assertThat(result.gap().p50()).isBetween(4.0, 30.0);
    assertThat(client.active()).isZero();
    assertThat(client.ended()).isEqualTo(40);
  }

  @Test
  void checksEveryStreamAgainstTheReferenceDigest() throws Exception {
    InetSocketAddress target = Loopback.port(engine.port());
    StreamDigest reference = ReferenceStream.digest(target, workload(1, 7)).orElseThrow();
    StreamDigest other = ReferenceStream.digest(target, workload(1, 6)).orElseThrow();

    SseRunResult same =
        new SseLoadClient(List.of(target), workload(5, 7), Optional.of(reference)).run();
    SseRunResult differs =
        new SseLoadClient(List.of(target), workload(5, 7), Optional.of(other)).run();

    assertThat(same.completed()).isEqualTo(5);
    assertThat(differs.corrupt()).isEqualTo(5);
    assertThat(differs.failures().get(0)).contains("differ");
  }

  @Test
  void countsRefusedConnectionsAndBadStatusesAsErrors() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SseWorkload unauthorised =
        new SseWorkload(
            "/v1/chat/completions",
            "{}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            "wrong",
            2,
            Duration.ZERO,
            3,
            Duration.ofSeconds(5));

    SseRunResult refused =
        new SseLoadClient(List.of(Loopback.port(closedPort)), workload(3, 2), Optional.empty())
            .run();
    SseRunResult rejected =
        new SseLoadClient(List.of(Loopback.port(engine.port())), unauthorised, Optional.empty())
            .run();

    assertThat(refused.errors()).isEqualTo(3);
    assertThat(rejected.errors()).isEqualTo(2);
    assertThat(rejected.failures()).contains("HTTP 401");
  }

  @Test
  void incompleteStreamsAreCountedApart() throws Exception {
    SseWorkload asksTooMany = workload(2, 5);
    engine.setTiming(Duration.ZERO, Duration.ZERO, 3);
    SseWorkload capped =
        new SseWorkload(
            "/v1/chat/completions?delay_ms=1",
            "{\"stream\":true,\"max_tokens\":2}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            "tok",
            2,
            Duration.ZERO,
            asksTooMany.events(),
            Duration.ofSeconds(5));

    SseRunResult result =
        new SseLoadClient(List.of(Loopback.port(engine.port())), capped, Optional.empty()).run();

    assertThat(result.incomplete()).isEqualTo(2);
    assertThat(result.failures().get(0)).contains("2 of 5");
  }

  @Test
  void givesUpStreamsAtTheTimeout() throws Exception {
    SseWorkload slow =
        SseWorkload.chat(
            "bench-model", "tok", 2, Duration.ZERO, 50, 100, 0, Duration.ofMillis(300));

    SseRunResult result =
        new SseLoadClient(List.of(Loopback.port(engine.port())), slow, Optional.empty()).run();

    assertThat(result.errors()).isEqualTo(2);
    assertThat(result.failures().get(0)).contains("timed out");
  }

  @Test
  void refusesAnythingButLoopback() {
    InetSocketAddress remote = InetSocketAddress.createUnresolved("example.com", 80);

    assertThatThrownBy(() -> new SseLoadClient(List.of(remote), workload(1, 1), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SseLoadClient(List.of(), workload(1, 1), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
