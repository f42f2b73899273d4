package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.cost.TokenTally;
import dev.vastproxy.simulator.engine.Fault;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens counted at the proxy, per instance: the engine's {@code usage} where it sends one, else a
 * stream's content events as an estimate; a resumed stream credits each engine with its own part.
 */
class TokenCountingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "{\"role\":\"user\",\"content\":\"how are you\"}";

  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private void engines(int count) {
    proxy =
        ProxyHarness.builder(count)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(2), 10))
            .start();
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  private TokenTally tally(long id) {
    return proxy.backend(id).load().tokens().tally();
  }

  private TokenTally settled(long id, long total) {
    await().until(() -> tally(id).total() >= total);
    return tally(id);
  }

  @Test
  void aWholeAnswersUsageIsCreditedToTheInstanceThatServedIt() throws Exception {
    engines(2);

    post("/v1/chat/completions", "{\"messages\":[" + USER + "]}", "X-VastProxy-Instance", "102");
    post("/v1/completions", "{\"prompt\":\"a b\",\"max_tokens\":4}", "X-VastProxy-Instance", "102");

    assertThat(settled(102, 19)).isEqualTo(new TokenTally(3 + 2, 10 + 4, 0, 0));
    assertThat(tally(101)).isEqualTo(TokenTally.ZERO);
  }

  @Test
  void aStreamWithAUsageChunkCountsTheUsage() throws Exception {
    engines(1);

    post(
        "/v1/chat/completions",
        "{\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":["
            + USER
            + "]}");

    assertThat(settled(101, 13)).isEqualTo(new TokenTally(3, 10, 0, 0));
  }

  @Test
  void aStreamWithoutUsageIsEstimatedFromItsContentEvents() throws Exception {
    engines(1);

    HttpResponse<String> response =
        post("/v1/chat/completions", "{\"stream\":true,\"messages\":[" + USER + "]}");
    post("/v1/completions", "{\"stream\":true,\"prompt\":\"x\",\"max_tokens\":3}");

    assertThat(response.body()).doesNotContain("\"usage\"");
    TokenTally tally = settled(101, 13);
    assertThat(tally).isEqualTo(new TokenTally(0, 0, 0, 13));
    assertThat(tally.estimated()).isTrue();
  }

  @Test
  void aResponsesStreamIsReadFromItsCompletedEvent() throws Exception {
    engines(1);

    post("/v1/responses", "{\"stream\":true,\"input\":\"one two three four\"}");

    assertThat(settled(101, 14)).isEqualTo(new TokenTally(4, 10, 0, 0));
  }

  @Test
  void aResumedStreamCreditsEachEngineWithItsOwnPartAndCountsNoTokenTwice() throws Exception {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(2), 40))
            .start();
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    HttpResponse<String> response =
        post(
            "/v1/chat/completions",
            "{\"stream\":true,\"max_tokens\":12,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":["
                + USER
                + "]}",
            "X-VastProxy-Instance",
            "101");

    JsonNode spliced = usage(response.body());
    // The client reads one answer: its prompt, twelve tokens.
    assertThat(spliced.path("prompt_tokens").asInt()).isEqualTo(3);
    assertThat(spliced.path("completion_tokens").asInt()).isEqualTo(12);
    TokenTally broken = settled(101, 1);
    TokenTally resumed = settled(102, 1);
    long delivered = broken.completionEstimate();
    assertThat(delivered).isPositive();
    assertThat(broken).isEqualTo(new TokenTally(0, 0, 0, delivered));
    // The second engine prefilled the prompt and what was delivered, then generated the rest.
    assertThat(resumed).isEqualTo(new TokenTally(3 + delivered, 12 - delivered, 0, 0));
    assertThat(broken.plus(resumed).completion()).isEqualTo(12);
  }

  @Test
  void anAnswerThatIsNotAGenerationCountsNothing() throws Exception {
    engines(1);
    proxy.engine(101).setFault(Fault.HTTP_500);

    HttpResponse<String> failed =
        http.send(
            HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    proxy.engine(101).setFault(Fault.NONE);
    post("/v1/chat/completions", "{\"messages\":[" + USER + "]}");

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(settled(101, 13)).isEqualTo(new TokenTally(3, 10, 0, 0));
  }

  @Test
  void manyClientsAtOnceLoseNoToken() throws Exception {
    engines(2);
    int clients = 16;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        boolean stream = c % 2 == 0;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    post(
                        "/v1/chat/completions",
                        "{\"stream\":" + stream + ",\"messages\":[" + USER + "]}");
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    long answers = (long) clients * each;
    await().until(() -> tally(101).plus(tally(102)).completion() == answers * 10);
    TokenTally fleet = tally(101).plus(tally(102));
    assertThat(fleet)
        .isEqualTo(new TokenTally(answers / 2 * 3, answers / 2 * 10, 0, answers / 2 * 10));
  }

  private static JsonNode usage(String body) throws Exception {
    JsonNode usage = null;
    for (String event : body.split("\n\n")) {
      if (event.startsWith("data: {")) {
        JsonNode data = JSON.readTree(event.substring(6));
        if (data.hasNonNull("usage")) {
          usage = data.get("usage");
        }
      }
    }
    assertThat(usage).isNotNull();
    return usage;
  }
}
