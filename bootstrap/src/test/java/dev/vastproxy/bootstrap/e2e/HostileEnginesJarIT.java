package dev.vastproxy.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.http.ScriptedEngine;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, at {@code -Xmx256m}, against engines that make a proxy's life hard: one that reads
 * huge bodies slowly, one that answers garbage, and clients that declare huge bodies and never send
 * them.
 */
class HostileEnginesJarIT {
  private static final String KEY = "vast-key-for-the-hostile-test";
  private static final String TOKEN = "jupyter-token-hostile-0123456789";
  private static final String MODEL = "tiny-llama";

  @TempDir Path scratch;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Socket> idleClients = new ArrayList<>();
  private FakeVastApi vast;
  private ScriptedEngine engine;
  private ProxyProcess proxy;

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : idleClients) {
      socket.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (vast != null) {
      vast.close();
    }
  }

  private void start(ScriptedEngine scripted) throws Exception {
    engine = scripted.model(MODEL);
    vast = FakeVastApi.start(KEY);
    vast.putInstance(
        FakeVastInstance.running(3001).vllm(MODEL).servedOn(engine.port()).jupyterToken(TOKEN));
    int port = ProxyProcess.freePort();
    proxy = ProxyProcess.startAgainst(scratch, port, KEY, vast.baseUri());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> get("/readyz").statusCode() == 200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(proxy.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] chatOfSize(int mebibytes) {
    byte[] head =
        ("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}]}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[mebibytes * 1024 * 1024];
    Arrays.fill(body, (byte) 'q');
    for (int i = head.length; i < body.length - tail.length; i += 1009) {
      body[i] = (byte) ('a' + i % 23);
    }
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
    return body;
  }

  @Test
  void bodiesUpToTheCapReachASlowReaderIntactAndOnce() throws Exception {
    start(new ScriptedEngine().readSlowly(64 * 1024, Duration.ofMillis(2)));

    for (int mebibytes : new int[] {8, 16, 31}) {
      byte[] body = chatOfSize(mebibytes);
      int before = engine.received().size();

      HttpResponse<String> response = post(body);

      assertThat(response.statusCode()).as("%d MiB", mebibytes).isEqualTo(200);
      assertThat(engine.received()).hasSize(before + 1);
      assertThat(engine.received().get(before).body()).isEqualTo(body);
    }
    assertThat(get("/vastproxy/status").body()).contains("\"state\":\"HEALTHY\"");
  }

  @Test
  void declaredButUnsentBodiesHoldNoMemoryForWhatTheyClaim() throws Exception {
    start(new ScriptedEngine());
    for (int i = 0; i < 20; i++) {
      Socket socket = new Socket("127.0.0.1", proxy.uri("/").getPort());
      idleClients.add(socket);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: proxy\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 31457280\r\n\r\n"
                  + "{\"model\":\"tiny-llama\",\"messages\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    HttpResponse<String> meanwhile =
        post(("{\"model\":\"" + MODEL + "\",\"messages\":[]}").getBytes(StandardCharsets.UTF_8));

    assertThat(meanwhile.statusCode()).isEqualTo(200);
    assertThat(proxy.process().isAlive()).isTrue();
    assertThat(proxy.stdout()).doesNotContain("OutOfMemoryError");
  }

  @Test
  void anEngineSpeakingGarbageIsOneLogLineAndA502() throws Exception {
    start(new ScriptedEngine().answer(ScriptedEngine.Answer.GARBAGE));

    HttpResponse<String> response =
        post(("{\"model\":\"" + MODEL + "\",\"messages\":[]}").getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).contains("backend error");
    await().until(() -> proxy.stdout().contains("backend 3001 failed a request"));
    assertThat(proxy.stdout())
        .doesNotContain("\tat ")
        .doesNotContain("Exception in")
        .doesNotContain(TOKEN)
        .doesNotContain(KEY);
  }
}
