package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.adapters.http.front.FrontEndLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The header timeout cuts a client that dribbles its headers, the keep-alive limit closes a
 * connection idle between requests, and neither ever cuts a request in flight.
 */
class FrontEndTimeoutsIT {
  private static final Duration LIMIT = Duration.ofMillis(300);

  private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    dribbler.shutdownNow();
    proxy.close();
  }

  @Test
  void aClientDribblingItsHeadersIsCutAtTheHeaderTimeoutHoweverOftenItSends() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .limits(FrontEndLimits.DEFAULTS.withTimeouts(LIMIT, Duration.ofSeconds(30)))
            .start();
    AtomicInteger sent = new AtomicInteger();
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /v1/models HTTP/1.1\r\nHost: proxy\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long started = System.nanoTime();
      // One byte every 20 ms: were the timer reset by each byte, it would never fire.
      dribbler.scheduleAtFixedRate(
          () -> {
            try {
              out.write('a');
              out.flush();
              sent.incrementAndGet();
            } catch (IOException closed) {
              throw new IllegalStateException(closed);
            }
          },
          0,
          20,
          TimeUnit.MILLISECONDS);

      int read = readOrReset(socket);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(read).as("the server closed without answering").isEqualTo(-1);
      assertThat(took).isGreaterThanOrEqualTo(LIMIT).isLessThan(Duration.ofSeconds(5));
      assertThat(sent.get()).as("bytes dribbled before the cut").isPositive();
    }
  }

  @Test
  void aConnectionIdleBetweenRequestsIsClosedAfterTheKeepAliveLimit() throws Exception {
    proxy =
        ProxyHarness.builder(1)
            .limits(FrontEndLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(30), LIMIT))
            .start();
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send("GET /metrics HTTP/1.1\r\nHost: proxy\r\n\r\n");
      assertThat(client.readUntil("\r\n\r\n")).isTrue();
      long answered = System.nanoTime();

      String all = client.readToEnd();
      Duration idle = Duration.ofNanos(System.nanoTime() - answered);

      assertThat(all).startsWith("HTTP/1.1 404").containsOnlyOnce("HTTP/1.1");
      assertThat(idle)
          .isGreaterThanOrEqualTo(LIMIT.minusMillis(50))
          .isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aRequestWhoseBackendIsSilentLongerThanBothLimitsIsNotCut() throws Exception {
    Duration silence = LIMIT.multipliedBy(3);
    proxy =
        ProxyHarness.builder(1)
            .limits(FrontEndLimits.DEFAULTS.withTimeouts(LIMIT, LIMIT))
            .engines(e -> e.timing(silence, silence, 3))
            .start();
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"messages\":[]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("[DONE]");
  }

  /** The next byte, or -1 at end of stream or on a reset. */
  private static int readOrReset(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read();
    } catch (SocketException reset) {
      return -1;
    }
  }
}
