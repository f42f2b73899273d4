package dev.vastproxy.adapters.http.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.vastproxy.adapters.http.ProxyHarness;
import dev.vastproxy.simulator.engine.Fault;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint, each proxied request is one span that a real collector endpoint receives
 * in OTLP's protobuf wire format: a child of the client's trace, the parent of the engine's, with
 * what routing did and how long the first byte took, and no secret.
 */
class OtlpTracingIT {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN = "00f067aa0ba902b7";
  private static final String CLIENT_KEY = "sk-client-key-never-traced";
  private static final HexFormat HEX = HexFormat.of();

  private final HttpClient http = HttpClient.newHttpClient();
  private OtlpReceiver receiver;
  private OtlpTracing tracing;
  private ProxyHarness proxy;

  @BeforeEach
  void collector() throws Exception {
    receiver = new OtlpReceiver();
    tracing = OtlpTracing.start(receiver.endpoint(), "eu-1", "1.2.3", Duration.ofMillis(100));
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    tracing.close();
    receiver.close();
  }

  private void engines(int count) {
    proxy =
        ProxyHarness.builder(count)
            .models("m")
            .clientKeys(CLIENT_KEY)
            .engines(e -> e.timing(Duration.ZERO, Duration.ofMillis(2), 20))
            .observer(tracing.observer())
            .start();
  }

  private HttpResponse<String> chat(String model, boolean stream, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + CLIENT_KEY)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\""
                        + model
                        + "\",\"stream\":"
                        + stream
                        + ",\"max_tokens\":20,\"messages\":[]}"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Once {@code expected} spans arrived (a request's span ends when its exchange completes, just
   * after the client has the answer), closes the tracing, which sends what is still queued, and
   * answers every span received.
   */
  private List<Span> exported(int expected) {
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.spans().size() >= expected);
    tracing.close();
    return receiver.spans().stream().map(OtlpReceiver.Received::span).toList();
  }

  private static Map<String, AnyValue> attributes(Span span) {
    Map<String, AnyValue> attributes = new HashMap<>();
    for (KeyValue pair : span.getAttributesList()) {
      attributes.put(pair.getKey(), pair.getValue());
    }
    return attributes;
  }

  private static String hex(ByteString bytes) {
    return HEX.formatHex(bytes.toByteArray());
  }

  @Test
  void aRequestIsOneSpanUnderTheClientsTraceAndTheEnginesTraceNestsUnderIt() throws Exception {
    engines(1);

    HttpResponse<String> response =
        chat(
            "m",
            true,
            "traceparent",
            "00-" + TRACE + "-" + CLIENT_SPAN + "-01",
            "tracestate",
            "vendor=abc");

    assertThat(response.statusCode()).isEqualTo(200);
    List<Span> spans = exported(1);
    assertThat(spans).hasSize(1);
    Span span = spans.get(0);
    assertThat(hex(span.getTraceId())).isEqualTo(TRACE);
    assertThat(hex(span.getParentSpanId())).isEqualTo(CLIENT_SPAN);
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getName()).isEqualTo("POST /v1/chat/completions");
    Map<String, List<String>> sent = proxy.engine(101).requests().get(0).headers();
    assertThat(sent.get("traceparent"))
        .containsExactly("00-" + TRACE + "-" + hex(span.getSpanId()) + "-01");
    assertThat(sent.get("tracestate")).containsExactly("vendor=abc");

    Map<String, AnyValue> attributes = attributes(span);
    assertThat(attributes.get("vastproxy.route").getStringValue()).isEqualTo("chosen");
    assertThat(attributes.get("vastproxy.instance.id").getStringValue()).isEqualTo("101");
    assertThat(attributes.get("vastproxy.attempts").getIntValue()).isEqualTo(1);
    assertThat(attributes.get("vastproxy.retries").getIntValue()).isZero();
    assertThat(attributes.get("vastproxy.resumes").getIntValue()).isZero();
    assertThat(attributes.get("vastproxy.time_to_first_byte_ms").getDoubleValue()).isPositive();
    assertThat(attributes.get("vastproxy.endpoint").getStringValue()).isEqualTo("chat");
    assertThat(attributes.get("gen_ai.request.model").getStringValue()).isEqualTo("m");
    assertThat(attributes.get("vastproxy.stream").getBoolValue()).isTrue();
    assertThat(attributes.get("http.response.status_code").getIntValue()).isEqualTo(200);
    assertThat(attributes.get("http.request.method").getStringValue()).isEqualTo("POST");
    assertThat(attributes.get("vastproxy.outcome").getStringValue()).isEqualTo("completed");
    assertThat(span.getEventsList()).extracting(Span.Event::getName).contains("first byte");
    assertThat(span.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);

    Map<String, String> resource = new HashMap<>();
    for (KeyValue pair : receiver.spans().get(0).resource().getResource().getAttributesList()) {
      resource.put(pair.getKey(), pair.getValue().getStringValue());
    }
    assertThat(resource)
        .containsEntry("service.name", "vastproxy")
        .containsEntry("service.instance.id", "eu-1")
        .containsEntry("service.version", "1.2.3");
  }

  @Test
  void noSecretReachesTheCollector() throws Exception {
    engines(2);

    chat("m", false);
    chat("m", true, "X-VastProxy-Instance", "102");

    assertThat(exported(2)).hasSize(2);
    for (byte[] body : receiver.bodies()) {
      String text = new String(body, StandardCharsets.ISO_8859_1);
      assertThat(text)
          .doesNotContain(CLIENT_KEY)
          .doesNotContain(ProxyHarness.token(101))
          .doesNotContain(ProxyHarness.token(102))
          .doesNotContainIgnoringCase("authorization")
          .doesNotContainIgnoringCase("bearer");
    }
  }

  @Test
  void aResumedStreamShowsItsAttemptsAndTheResume() throws Exception {
    engines(2);
    proxy.engine(101).setFault(Fault.DROP_MID_STREAM);

    HttpResponse<String> response = chat("m", true, "X-VastProxy-Instance", "101");

    assertThat(response.statusCode()).isEqualTo(200);
    Span span = exported(1).get(0);
    Map<String, AnyValue> attributes = attributes(span);
    assertThat(attributes.get("vastproxy.route").getStringValue()).isEqualTo("pinned");
    assertThat(attributes.get("vastproxy.attempts").getIntValue()).isEqualTo(2);
    assertThat(attributes.get("vastproxy.resumes").getIntValue()).isEqualTo(1);
    assertThat(attributes.get("vastproxy.instance.id").getStringValue()).isEqualTo("102");
    Span.Event resume =
        span.getEventsList().stream().filter(e -> e.getName().equals("resume")).findFirst().get();
    assertThat(resume.getAttributesList())
        .extracting(pair -> pair.getKey() + "=" + pair.getValue().getStringValue())
        .containsExactlyInAnyOrder("vastproxy.instance.id=101", "vastproxy.next_instance.id=102");
  }

  @Test
  void aRequestRetriedBeforeItsAnswerShowsTheRetry() throws Exception {
    engines(2);
    proxy.engine(101).setFault(Fault.LOADING_PLACEHOLDER);

    HttpResponse<String> response = chat("m", false, "X-VastProxy-Instance", "101");

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, AnyValue> attributes = attributes(exported(1).get(0));
    assertThat(attributes.get("vastproxy.attempts").getIntValue()).isEqualTo(2);
    assertThat(attributes.get("vastproxy.retries").getIntValue()).isEqualTo(1);
    assertThat(attributes.get("vastproxy.instance.id").getStringValue()).isEqualTo("102");
    assertThat(attributes.get("vastproxy.stream").getBoolValue()).isFalse();
  }

  @Test
  void withoutTraceContextTheProxyStartsTheTraceAndTheEngineJoinsIt() throws Exception {
    engines(1);

    chat("m", false);
    HttpResponse<String> unknown = chat("no-such-model", false);

    assertThat(unknown.statusCode()).isEqualTo(404);
    List<Span> spans = exported(2);
    assertThat(spans).hasSize(2);
    Span answered =
        spans.stream()
            .filter(s -> attributes(s).containsKey("vastproxy.instance.id"))
            .findFirst()
            .get();
    assertThat(answered.getParentSpanId().isEmpty()).isTrue();
    // A trace the proxy starts has W3C level 2's random trace id flag (02) besides sampled (01).
    assertThat(proxy.engine(101).requests().get(0).headers().get("traceparent"))
        .containsExactly(
            "00-" + hex(answered.getTraceId()) + "-" + hex(answered.getSpanId()) + "-03");
    Span refused = spans.stream().filter(s -> s != answered).findFirst().get();
    Map<String, AnyValue> attributes = attributes(refused);
    assertThat(attributes.get("vastproxy.route").getStringValue()).isEqualTo("unknown_model");
    assertThat(attributes.get("vastproxy.attempts").getIntValue()).isZero();
    assertThat(attributes.get("http.response.status_code").getIntValue()).isEqualTo(404);
    assertThat(attributes).doesNotContainKey("gen_ai.request.model");
  }

  @Test
  void aTraceTheClientDidNotSampleIsNotExportedButStillReachesTheEngine() throws Exception {
    engines(1);

    chat("m", false, "traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-00");
    chat("m", false);

    await().until(() -> proxy.inFlight() == 0);
    List<Span> spans = exported(1);
    assertThat(spans).hasSize(1);
    assertThat(hex(spans.get(0).getTraceId())).isNotEqualTo(TRACE);
    String sent = proxy.engine(101).requests().get(0).headers().get("traceparent").get(0);
    assertThat(sent).startsWith("00-" + TRACE + "-").endsWith("-00").doesNotContain(CLIENT_SPAN);
  }

  @Test
  void concurrentRequestsEachGetTheirOwnSpanAndTheirEngineItsParent() throws Exception {
    engines(2);
    int threads = 16;
    int each = 10;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < threads * each; i++) {
        boolean stream = i % 2 == 0;
        statuses.add(pool.submit(() -> chat("m", stream).statusCode()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }

    List<Span> spans = exported(threads * each);
    assertThat(spans).hasSize(threads * each);
    Set<String> parents = new HashSet<>();
    for (Span span : spans) {
      assertThat(attributes(span).get("vastproxy.attempts").getIntValue()).isEqualTo(1);
      assertThat(parents.add("00-" + hex(span.getTraceId()) + "-" + hex(span.getSpanId()) + "-03"))
          .isTrue();
    }
    Set<String> sent = new HashSet<>();
    for (long id : new long[] {101, 102}) {
      proxy.engine(id).requests().forEach(r -> sent.addAll(r.headers().get("traceparent")));
    }
    assertThat(sent).isEqualTo(parents);
  }

  @Test
  void aLongPathIsCutInTheSpan() throws Exception {
    engines(1);
    String path = "/engine/" + "x".repeat(4000);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(proxy.uri(path))
                .header("Authorization", "Bearer " + CLIENT_KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isPositive();
    Span span = exported(1).get(0);
    assertThat(span.getName()).isEqualTo("GET");
    assertThat(attributes(span).get("url.path").getStringValue())
        .hasSize(OtlpTracing.MAX_ATTRIBUTE_LENGTH)
        .isEqualTo(path.substring(0, OtlpTracing.MAX_ATTRIBUTE_LENGTH));
    assertThat(attributes(span).get("vastproxy.endpoint").getStringValue()).isEqualTo("other");
  }

  @Test
  void aCollectorThatIsDownCostsRequestsNothing() throws Exception {
    receiver.close();
    engines(1);

    for (int i = 0; i < 20; i++) {
      assertThat(chat("m", true).statusCode()).isEqualTo(200);
    }
  }
}
