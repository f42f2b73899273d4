package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.domain.backend.BackendState;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Engines whose connection handling is hostile to a proxy: slow readers of huge bodies, engines
 * that close after each request, and engines that close idle keep-alive connections. Whatever they
 * do, no request reaches an engine twice and no answer is broken by the proxy.
 */
class EngineConnectionsIT {
  private static final String MODEL = "tiny-llama";
  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;
  private ScriptedEngine engine;

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    engine.close();
  }

  private void start(ScriptedEngine scripted) {
    engine = scripted;
    proxy = ProxyHarness.builder(0).start();
    proxy.enrol(201, engine.port(), MODEL);
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(chatRequest(body), HttpResponse.BodyHandlers.ofString());
  }

  /** A chat request with a deadline: an answer the proxy never gives fails the test. */
  private HttpRequest chatRequest(byte[] body) {
    return HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static byte[] chatOfSize(int mebibytes) {
    String head = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"";
    String tail = "\"}]}";
    byte[] body = new byte[mebibytes * 1024 * 1024];
    byte[] start = head.getBytes(StandardCharsets.UTF_8);
    byte[] end = tail.getBytes(StandardCharsets.UTF_8);
    Arrays.fill(body, (byte) 'a');
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(end, 0, body, body.length - end.length, end.length);
    for (int i = start.length; i < body.length - end.length; i += 997) {
      body[i] = (byte) ('b' + i % 20);
    }
    return body;
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 16, 31})
  void hugeBodiesReachASlowReaderIntactAndOnce(int mebibytes) throws Exception {
    start(new ScriptedEngine().readSlowly(16 * 1024, Duration.ofMillis(2)));
    byte[] body = chatOfSize(mebibytes);
    assertThat(post(chatOfSize(1)).statusCode()).isEqualTo(200);

    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(engine.received()).hasSize(2);
    assertThat(engine.received().get(1).body()).isEqualTo(body);
  }

  private static byte[] chat(String marker, boolean stream) {
    return ("{\"model\":\""
            + MODEL
            + "\",\"stream\":"
            + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\""
            + marker
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEngineThatClosesAfterReadingEachRequestGetsExactlyOneCopyOfEach() throws Exception {
    start(new ScriptedEngine().answer(ScriptedEngine.Answer.CLOSE));
    int failed = 0;

    for (int i = 0; i < 8; i++) {
      HttpResponse<String> response = post(chat("request-" + i, false));
      if (response.statusCode() == 502) {
        failed++;
      } else {
        // Taken out after failing request after request: the client may retry later.
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        proxy.markHealthy(201, MODEL);
      }
    }

    assertThat(failed).isGreaterThanOrEqualTo(6);
    assertThat(engine.received()).hasSize(failed);
    assertThat(engine.received()).extracting(ScriptedEngine.Received::text).doesNotHaveDuplicates();
  }

  @Test
  void anEngineClosingKeptConnectionsAsTheyAreReusedNeverGeneratesTwiceNorBreaksAStream()
      throws Exception {
    // The engine closes each connection right after its answer, without saying so: every kept
    // connection is closed just as the proxy may pick it for the next request.
    start(
        new ScriptedEngine()
            .answer(ScriptedEngine.Answer.STREAM).stream(3, Duration.ZERO)
                .keepAliveIdle(Duration.ofMillis(1)));
    Random random = new Random(13);
    int answered = 0;
    int requests = 150;

    for (int i = 0; i < requests; i++) {
      HttpResponse<String> response = post(chat("request-" + i, true));
      if (response.statusCode() == 200) {
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        answered++;
      } else {
        // The request was written into a connection the engine was closing: it may have been
        // read, so it is not sent again; the client gets a clean 502, never a broken stream.
        assertThat(response.statusCode()).isEqualTo(502);
      }
      Thread.sleep(random.nextInt(3));
    }

    assertThat(engine.received()).extracting(ScriptedEngine.Received::text).doesNotHaveDuplicates();
    assertThat(answered).isGreaterThan(requests * 9 / 10);
    await().untilAsserted(() -> assertThat(TcpStates.closeWaitTo(engine.port())).isZero());
  }

  @Test
  void requestsThatMakeTheEngineDropThemDoNotEjectItWhileOthersAreAnswered() throws Exception {
    start(
        new ScriptedEngine()
            .answer(
                request ->
                    request.text().contains("poison")
                        ? ScriptedEngine.Answer.CLOSE
                        : ScriptedEngine.Answer.JSON));

    for (int i = 0; i < 10; i++) {
      assertThat(post(chat("poison", false)).statusCode()).isEqualTo(502);
      HttpResponse<String> fine = post(chat("fine", false));
      assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
    }

    assertThat(proxy.backend(201).state()).isEqualTo(BackendState.HEALTHY);
  }

  @Test
  void anEngineWhoseAnswerHeadNeverEndsGets502WhileItIsStillSendingAndItsConnectionClosed()
      throws Exception {
    start(
        new ScriptedEngine()
            .answer(
                request ->
                    request.text().contains("endless")
                        ? ScriptedEngine.Answer.ENDLESS_HEAD
                        : ScriptedEngine.Answer.JSON));

    for (int i = 0; i < 3; i++) {
      // Before the limit, the proxy read the head for as long as the engine sent it: no answer.
      HttpResponse<String> refused = post(chat("endless", false));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
      HttpResponse<String> fine = post(chat("fine", false));
      assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
    }
    // The proxy closed each endless answer's connection, which ended the engine's writing.
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.endlessAnswersBeingSent() == 0);
    assertThat(engine.endlessBytesSent()).isLessThan(3 * 64L * 1024 * 1024);
  }

  @Test
  void anAnswerWhoseTrailersNeverEndIsCutAndItsEngineConnectionClosed() throws Exception {
    start(
        new ScriptedEngine()
            .answer(
                request ->
                    request.text().contains("trailers")
                        ? ScriptedEngine.Answer.ENDLESS_TRAILERS
                        : ScriptedEngine.Answer.JSON));

    CompletableFuture<HttpResponse<String>> cut =
        http.sendAsync(chatRequest(chat("trailers", false)), HttpResponse.BodyHandlers.ofString());

    await().atMost(Duration.ofSeconds(30)).until(() -> engine.endlessAnswersBeingSent() == 0);
    // Before the limit, the proxy read and kept the trailers for as long as the engine sent them
    // (hundreds of MiB, until its heap ran out); now it reads 80 KiB, plus what socket buffers
    // hold.
    assertThat(engine.endlessBytesSent()).isLessThan(64L * 1024 * 1024);
    // The answer had begun (200 and its body), so the client's connection is cut, not completed.
    assertThat(cut).failsWithin(Duration.ofSeconds(10));
    HttpResponse<String> fine = post(chat("fine", false));
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nContent-",
        "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 200 OK\r\nX-Bad\u0000Name: 1\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1\r\n\r\n",
        "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nxyz"
      })
  void anAnswerWhoseHeadIsBrokenGets502AndTheEngineStaysInUse(String broken) throws Exception {
    start(
        new ScriptedEngine()
            .raw(broken)
            .answer(
                request ->
                    request.text().contains("broken")
                        ? ScriptedEngine.Answer.RAW
                        : ScriptedEngine.Answer.JSON));

    HttpResponse<String> refused = post(chat("broken", false));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
    HttpResponse<String> fine = post(chat("fine", false));
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
  }
}
