package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.engine.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that leaves in any phase has its backend connection closed within a second. */
class DisconnectIT {
  private ProxyHarness proxy;
  private FakeEngine engine;

  @BeforeEach
  void start() {
    proxy = ProxyHarness.builder(1).start();
    engine = proxy.engine(ProxyHarness.FIRST_ID);
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  /** Closes the client, then measures how long until the backend saw its connection close. */
  private Duration backendCloseAfter(RawHttp client) throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.requestCount() == 1);
    client.close();
    Instant closedByClient = Instant.now();
    Instant seenByBackend = engine.requests().get(0).connectionClosed().get(5, TimeUnit.SECONDS);
    return Duration.between(closedByClient, seenByBackend);
  }

  private void assertNothingLeftBehind() {
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.inFlight() == 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.activeGenerations() == 0);
  }

  @Test
  void whileQueuedAtTheBackend() throws Exception {
    engine.setFault(Fault.HANG);
    RawHttp client = new RawHttp(proxy.port()).post("/v1/chat/completions", "{\"stream\":true}");

    assertThat(backendCloseAfter(client)).isLessThan(Duration.ofSeconds(1));
    assertNothingLeftBehind();
  }

  @Test
  void duringPrefillWithTheBackendSilent() throws Exception {
    engine.setTiming(Duration.ofSeconds(60), Duration.ofMillis(10), 10);
    RawHttp client = new RawHttp(proxy.port()).post("/v1/chat/completions", "{\"stream\":true}");
    assertThat(client.readUntil("\r\n\r\n")).isTrue();
    assertThat(client.received()).startsWith("HTTP/1.1 200").contains("text/event-stream");

    assertThat(backendCloseAfter(client)).isLessThan(Duration.ofSeconds(1));
    assertNothingLeftBehind();
    assertThat(engine.abandonedGenerations()).isEqualTo(1);
  }

  @Test
  void whileStreaming() throws Exception {
    engine.setTiming(Duration.ZERO, Duration.ofMillis(100), 1000);
    RawHttp client = new RawHttp(proxy.port()).post("/v1/chat/completions", "{\"stream\":true}");
    assertThat(client.readUntil("data: {")).isTrue();

    assertThat(backendCloseAfter(client)).isLessThan(Duration.ofSeconds(1));
    assertNothingLeftBehind();
  }

  @Test
  void whileWaitingForANonStreamedAnswer() throws Exception {
    engine.setTiming(Duration.ofSeconds(60), Duration.ZERO, 10);
    RawHttp client = new RawHttp(proxy.port()).post("/v1/chat/completions", "{\"stream\":false}");

    assertThat(backendCloseAfter(client)).isLessThan(Duration.ofSeconds(1));
    assertNothingLeftBehind();
    assertThat(engine.abandonedGenerations()).isEqualTo(1);
  }
}
