package dev.vastproxy.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fake engine dies mid-stream, as an instance that is stopped or vanishes does, and comes back.
 */
class FakeEngineCrashTest {
  private final FakeEngine engine =
      FakeEngine.builder().timing(Duration.ZERO, Duration.ofMillis(30), 200).start();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aCrashCutsEveryStreamMidAnswerAndRefusesConnectionsUntilTheEngineIsBack() throws Exception {
    int port = engine.port();
    try (Socket first = stream(port, engine.model());
        Socket second = stream(port, engine.model())) {
      String before = readUntil(first.getInputStream(), " from");
      readUntil(second.getInputStream(), " from");
      await().until(() -> engine.activeGenerations() == 2);

      engine.crash();

      String rest = readToEnd(first.getInputStream());
      assertThat(before + rest).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
      assertThat(readToEnd(second.getInputStream())).doesNotContain("[DONE]");
    }
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
    await().until(() -> engine.activeGenerations() == 0);

    engine.restart();

    assertThat(engine.port()).isEqualTo(port);
    try (Socket again = stream(port, engine.model())) {
      assertThat(readUntil(again.getInputStream(), " from")).contains("Hello");
    }
  }

  private static Socket stream(int port, String model) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[]}";
    socket
        .getOutputStream()
        .write(
            ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + body.length()
                    + "\r\n\r\n"
                    + body)
                .getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      seen.write(b);
    }
    return seen.toString(StandardCharsets.UTF_8);
  }

  /** Reads until the engine closes the connection: a crash must not leave it hanging. */
  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    try {
      in.transferTo(seen);
    } catch (IOException reset) {
      // a connection reset is a crash too
    }
    return seen.toString(StandardCharsets.UTF_8);
  }
}
