package dev.vastproxy.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.simulator.engine.FakeEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class OneShotHttpTest {
  @Test
  void readsTheStatusOfOneRequest() throws Exception {
    try (FakeEngine engine = FakeEngine.builder().model("m").bearerToken("tok").start()) {
      int ok =
          OneShotHttp.status(
              Loopback.port(engine.port()),
              ChatBodies.instantRequest("m", "tok", engine.port()),
              2000);
      int refused =
          OneShotHttp.status(
              Loopback.port(engine.port()),
              ChatBodies.instantRequest("m", "bad", engine.port()),
              2000);

      assertThat(ok).isEqualTo(200);
      assertThat(refused).isEqualTo(401);
    }
  }

  @Test
  void failsOnGarbageAndRefusesRemoteHosts() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, Loopback.port(0).getAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket socket = server.accept()) {
                  OutputStream out = socket.getOutputStream();
                  out.write("SMTP ready\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException e) {
                  // the test reports what the client saw
                }
              });
      answer.start();

      assertThatThrownBy(
              () ->
                  OneShotHttp.status(Loopback.port(server.getLocalPort()), new byte[] {'x'}, 2000))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("no HTTP status line");
      answer.join();
    }
    assertThatThrownBy(
            () ->
                OneShotHttp.status(
                    InetSocketAddress.createUnresolved("example.com", 80), new byte[0], 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void padsBodiesToTheRequestedSize() {
    assertThat(ChatBodies.padded("m", 1024)).hasSize(1024);
    assertThat(new String(ChatBodies.padded("m", 200), StandardCharsets.UTF_8))
        .startsWith("{\"model\":\"m\",\"max_tokens\":1,")
        .endsWith("\"}]}");
    Assertions.assertThatThrownBy(() -> ChatBodies.padded("m", 100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
