package dev.vastproxy.adapters.http.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.SameThreadExecutor;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guards the watch against Undertow upgrades: it relies on HTTP/1.1 connection internals to see a
 * client hang up while an exchange is silent, which stock Undertow does not notice.
 */
class ClientDisconnectWatchTest {
  private final BlockingQueue<HttpServerExchange> silent = new ArrayBlockingQueue<>(4);
  private final CountDownLatch gone = new CountDownLatch(1);
  private final AtomicBoolean watched = new AtomicBoolean();
  private Undertow server;
  private int port;

  @BeforeEach
  void start() {
    server =
        Undertow.builder()
            .setIoThreads(1)
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                exchange -> {
                  if (exchange.getRequestPath().equals("/fast")) {
                    exchange.getResponseSender().send("fast");
                    return;
                  }
                  exchange.dispatch(
                      SameThreadExecutor.INSTANCE,
                      () -> {
                        watched.set(
                            ClientDisconnectWatch.start(exchange, gone::countDown).isPresent());
                        silent.add(exchange);
                      });
                })
            .build();
    server.start();
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void aClientHangingUpOnASilentExchangeIsSeenAtOnce() throws Exception {
    try (Socket client = new Socket("127.0.0.1", port)) {
      client.getOutputStream().write(get("/silent"));
      assertThat(silent.poll(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(watched).isTrue();
    }

    assertThat(gone.await(1, TimeUnit.SECONDS)).as("hang-up seen within a second").isTrue();
  }

  @Test
  void aPipelinedRequestIsHandedBackAndServed() throws Exception {
    try (Socket client = new Socket("127.0.0.1", port)) {
      client.setSoTimeout(5_000);
      client.getOutputStream().write(get("/silent"));
      HttpServerExchange first = silent.poll(5, TimeUnit.SECONDS);
      assertThat(first).isNotNull();

      client.getOutputStream().write(get("/fast"));
      HttpServerConnection connection = (HttpServerConnection) first.getConnection();
      await().atMost(5, TimeUnit.SECONDS).until(() -> connection.getExtraBytes() != null);
      first.getIoThread().execute(() -> first.getResponseSender().send("first"));

      String both = readUntil(client.getInputStream(), "fast");
      assertThat(both).contains("first").contains("fast");
      assertThat(gone.getCount()).as("no hang-up reported").isEqualTo(1);
    }
  }

  @Test
  void anExchangeWithPipelinedBytesWaitingIsNotWatched() throws Exception {
    try (Socket client = new Socket("127.0.0.1", port)) {
      client
          .getOutputStream()
          .write(
              (new String(get("/silent"), StandardCharsets.US_ASCII)
                      + new String(get("/fast"), StandardCharsets.US_ASCII))
                  .getBytes(StandardCharsets.US_ASCII));
      HttpServerExchange first = silent.poll(5, TimeUnit.SECONDS);

      assertThat(first).isNotNull();
      assertThat(watched).isFalse();
      first.getIoThread().execute(() -> first.getResponseSender().send("first"));
      assertThat(readUntil(client.getInputStream(), "fast")).contains("first");
    }
  }

  private static String readUntil(InputStream in, String marker) throws Exception {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[1024];
    while (text.indexOf(marker) < 0) {
      int read = in.read(buffer);
      if (read < 0) {
        break;
      }
      text.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
    }
    return text.toString();
  }

  private static byte[] get(String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
