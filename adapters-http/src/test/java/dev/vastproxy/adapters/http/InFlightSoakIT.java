package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.simulator.engine.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 10,000 requests from 16 clients, some of which hang up at random moments, while engines drop
 * streams, fail, and answer placeholders at random: when it is over, no backend counts a request in
 * flight. Every path out of an exchange lets go of its backend exactly once.
 */
class InFlightSoakIT {
  private static final int CLIENTS = 16;
  private static final int REQUESTS_EACH = 625;
  private static final Fault[] FAULTS = {
    Fault.NONE, Fault.NONE, Fault.DROP_MID_STREAM, Fault.HTTP_500, Fault.LOADING_PLACEHOLDER
  };

  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  @Test
  void everyInFlightCountEndsAtZero() throws Exception {
    proxy =
        ProxyHarness.builder(3)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(1), 8).recording(false))
            .start();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
    threads.execute(() -> chaos(running));
    List<Future<Integer>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      long seed = c;
      clients.add(threads.submit(() -> client(new Random(seed))));
    }
    int sent = 0;
    for (Future<Integer> client : clients) {
      sent += client.get();
    }
    running.set(false);
    threads.shutdown();

    assertThat(sent).isEqualTo(CLIENTS * REQUESTS_EACH);
    for (long id = ProxyHarness.FIRST_ID; id < ProxyHarness.FIRST_ID + 3; id++) {
      long instance = id;
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(proxy.backend(instance).load().inFlight()).isZero());
    }
  }

  /** Flips the engines' faults at random, and brings taken-out backends back. */
  private void chaos(AtomicBoolean running) {
    Random random = new Random(42);
    while (running.get()) {
      proxy.engine(ProxyHarness.FIRST_ID + random.nextInt(3)).setFault(FAULTS[random.nextInt(5)]);
      for (long id = ProxyHarness.FIRST_ID; id < ProxyHarness.FIRST_ID + 3; id++) {
        proxy.markHealthy(id);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
    for (long id = ProxyHarness.FIRST_ID; id < ProxyHarness.FIRST_ID + 3; id++) {
      proxy.engine(id).setFault(Fault.NONE);
    }
  }

  /** Sends requests, streamed or not, reading all, part or none of each answer. */
  private int client(Random random) throws IOException {
    int sent = 0;
    for (int i = 0; i < REQUESTS_EACH; i++) {
      boolean stream = random.nextBoolean();
      byte[] body =
          ("{\"model\":\"Qwen/Qwen3-8B\",\"stream\":" + stream + ",\"messages\":[]}")
              .getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        sent++;
        int leave = random.nextInt(4);
        if (leave == 0) {
          continue;
        }
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int budget = leave == 1 ? 1 : Integer.MAX_VALUE;
        for (int read = in.read(buffer); read >= 0 && budget-- > 0; read = in.read(buffer)) {
          // reading: all of the answer, or only its first bytes before hanging up
        }
      } catch (IOException e) {
        // a reset or a cut stream is one of the outcomes this test provokes
      }
    }
    return sent;
  }
}
