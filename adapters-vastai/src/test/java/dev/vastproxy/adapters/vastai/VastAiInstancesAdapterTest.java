package dev.vastproxy.adapters.vastai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.KEY;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.LIST_PATH;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.connection;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.fastTuning;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.page;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vastproxy.application.port.out.InstanceListing;
import dev.vastproxy.application.port.out.SkippedRow;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.port.out.VastApiException.Kind;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.domain.testing.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VastAiInstancesAdapterTest {
  @RegisterExtension static final WireMockExtension VAST = VastAiTestSupport.wireMock();

  private final VastAiInstancesAdapter adapter = new VastAiInstancesAdapter(connection(VAST));

  private static MappingBuilder firstPage() {
    return get(urlPathEqualTo(LIST_PATH)).withQueryParam("after_token", absent());
  }

  private static MappingBuilder pageAfter(String token) {
    return get(urlPathEqualTo(LIST_PATH)).withQueryParam("after_token", equalTo(token));
  }

  private static List<Long> ids(InstanceListing listing) {
    return listing.instances().stream().map(Instance::id).map(InstanceId::value).toList();
  }

  @Test
  void joinsThreePagesInOrder() throws Exception {
    VAST.stubFor(firstPage().willReturn(okJson(page("t1", row(1), row(2)))));
    VAST.stubFor(pageAfter("t1").willReturn(okJson(page("t2", row(3), row(4)))));
    VAST.stubFor(pageAfter("t2").willReturn(okJson(page(null, row(5)))));

    InstanceListing listing = adapter.listInstances();

    assertThat(ids(listing)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(listing.skippedRows()).isEmpty();
    VAST.verify(3, getRequestedFor(urlPathEqualTo(LIST_PATH)));
  }

  @Test
  void asksForFullPagesOrderedByIdWithTheBearerKeyOnTheSlashedPath() throws Exception {
    VAST.stubFor(
        get(urlPathEqualTo(LIST_PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withQueryParam("limit", equalTo("25"))
            .withQueryParam("order_by", equalTo("[{\"col\":\"id\",\"dir\":\"asc\"}]"))
            .willReturn(okJson(Fixtures.read("vastai/list_v1_page.json"))));

    InstanceListing listing = adapter.listInstances();

    assertThat(ids(listing)).containsExactly(24681357L, 24681402L);
    VAST.verify(
        getRequestedFor(urlPathEqualTo("/api/v1/instances/"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("User-Agent", equalTo("vastproxy")));
  }

  @Test
  void anEmptyNextTokenEndsTheListing() throws Exception {
    VAST.stubFor(firstPage().willReturn(okJson(page("", row(7)))));

    assertThat(ids(adapter.listInstances())).containsExactly(7L);
  }

  @Test
  void nullInstancesIsNoInformationNotAnEmptyFleet() {
    VAST.stubFor(firstPage().willReturn(okJson(Fixtures.read("vastai/show_instance_gone.json"))));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(failure.getMessage())
        .isEqualTo(
            "page 1 of the instance list has no 'instances' list (null or missing),"
                + " so it tells nothing about the fleet");
    VAST.verify(1, getRequestedFor(urlPathEqualTo(LIST_PATH)));
  }

  @Test
  void aLaterPageWithoutInstancesFailsTheWholeListing() {
    VAST.stubFor(firstPage().willReturn(okJson(page("t1", row(1), row(2)))));
    VAST.stubFor(pageAfter("t1").willReturn(okJson("{\"success\": true, \"next_token\": null}")));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(failure.getMessage()).startsWith("page 2 of the instance list has no 'instances'");
  }

  @Test
  void anExplicitEmptyListIsAnEmptyFleet() throws Exception {
    VAST.stubFor(firstPage().willReturn(okJson(page(null))));

    InstanceListing listing = adapter.listInstances();

    assertThat(listing.instances()).isEmpty();
    assertThat(listing.skippedRows()).isEmpty();
  }

  @Test
  void skipsMalformedRowsAndKeepsTheRest() throws Exception {
    ObjectNode noId = row(1);
    noId.remove("id");
    ObjectNode textId = row(1);
    textId.put("id", "not-a-number");
    ObjectNode badPorts = row(3);
    badPorts.put("ports", "8000:40153");
    VAST.stubFor(
        firstPage()
            .willReturn(
                okJson(
                    page(
                        null,
                        row(10),
                        noId,
                        row(11),
                        textId,
                        badPorts,
                        VastAiTestSupport.read("42"),
                        VastAiTestSupport.read("null"),
                        row(12)))));

    InstanceListing listing = adapter.listInstances();

    assertThat(ids(listing)).containsExactly(10L, 11L, 12L);
    assertThat(listing.skippedRows())
        .extracting(SkippedRow::describe)
        .containsExactly(
            "page 1, row 2: row has no positive id",
            "page 1, row 4: field 'id' has an unexpected type",
            "page 1, row 5 (id 3): field 'ports' has an unexpected type",
            "page 1, row 6: the row is not a JSON object but number",
            "page 1, row 7: the row is null");
    assertThat(listing.skippedRows())
        .extracting(SkippedRow::identity)
        .containsExactly(
            "page 1, row 2", "page 1, row 4", "id 3", "page 1, row 6", "page 1, row 7");
    assertThat(listing.skippedRows().toString())
        .doesNotContain("not-a-number", "8000:40153", row(1).get("jupyter_token").asText());
  }

  @Test
  void anAuthErrorIsAnAuthenticationFailureWhetherHttp401Or404() {
    for (int status : new int[] {401, 404}) {
      VAST.resetAll();
      VAST.stubFor(
          firstPage()
              .willReturn(
                  aResponse()
                      .withStatus(status)
                      .withHeader("Content-Type", "application/json")
                      .withBody(Fixtures.read("vastai/err_auth.json"))));

      VastApiException failure =
          catchThrowableOfType(VastApiException.class, adapter::listInstances);

      assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
      assertThat(failure.getMessage())
          .isEqualTo("auth_error: Invalid user key (HTTP " + status + ")");
      VAST.verify(1, getRequestedFor(urlPathEqualTo(LIST_PATH)));
    }
  }

  @Test
  void retriesRateLimitsAndThenSucceeds() throws Exception {
    VAST.stubFor(
        firstPage()
            .inScenario("rate limited")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withBody("API requests too frequent"))
            .willSetStateTo("once"));
    VAST.stubFor(
        firstPage()
            .inScenario("rate limited")
            .whenScenarioStateIs("once")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.read("vastai/err_429_json.json")))
            .willSetStateTo("twice"));
    VAST.stubFor(
        firstPage()
            .inScenario("rate limited")
            .whenScenarioStateIs("twice")
            .willReturn(okJson(page(null, row(1)))));

    assertThat(ids(adapter.listInstances())).containsExactly(1L);
    VAST.verify(3, getRequestedFor(urlPathEqualTo(LIST_PATH)));
  }

  @Test
  void rateLimitsThatOutlastTheRetriesAreReported() {
    VAST.stubFor(
        firstPage()
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.read("vastai/err_429_json.json"))));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(failure.getMessage())
        .isEqualTo("HTTP 429: API requests too frequent endpoint threshold=2.0");
    VAST.verify(3, getRequestedFor(urlPathEqualTo(LIST_PATH)));
  }

  @Test
  void aServerErrorIsRetriedThenReportedAsUnavailable() {
    VAST.stubFor(
        firstPage()
            .willReturn(
                aResponse().withStatus(500).withBody("<html>Internal Server Error</html>")));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.getMessage()).isEqualTo("HTTP 500");
    VAST.verify(3, getRequestedFor(urlPathEqualTo(LIST_PATH)));
  }

  @Test
  void aServerErrorOnALaterPageFailsTheWholeListing() {
    VAST.stubFor(firstPage().willReturn(okJson(page("t1", row(1)))));
    VAST.stubFor(pageAfter("t1").willReturn(aResponse().withStatus(503)));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.getMessage()).isEqualTo("HTTP 503");
  }

  @Test
  void aResponseSlowerThanTheTimeoutIsUnavailable() {
    VastAiInstancesAdapter impatient =
        new VastAiInstancesAdapter(connection(VAST, fastTuning(1, Duration.ofMillis(150))));
    VAST.stubFor(firstPage().willReturn(okJson(page(null, row(1))).withFixedDelay(1_500)));

    long started = System.nanoTime();
    VastApiException failure =
        catchThrowableOfType(VastApiException.class, impatient::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.getMessage()).isEqualTo("timed out");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_400));
    VAST.verify(2, getRequestedFor(urlPathEqualTo(LIST_PATH)));
  }

  @Test
  void garbageJsonIsMalformedAndNotRetried() {
    VAST.stubFor(
        firstPage()
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"instances\": [ {\"id\": 1, " + KEY)));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(failure.getMessage()).isEqualTo("unreadable JSON in the response");
    assertThat(failure.getCause()).isNull();
    VAST.verify(1, getRequestedFor(urlPathEqualTo(LIST_PATH)));
  }

  @Test
  void aPageThatIsNotAnObjectIsMalformed() {
    VAST.stubFor(firstPage().willReturn(okJson("[1, 2, 3]")));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void anEmptyBodyIsMalformed() {
    VAST.stubFor(firstPage().willReturn(aResponse().withStatus(200).withBody("")));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(failure.getMessage()).isEqualTo("an instance list page without a body");
  }

  @Test
  void successFalseWithHttp200IsAFailureNotAnEmptyFleet() {
    VAST.stubFor(firstPage().willReturn(okJson(Fixtures.read("vastai/err_auth.json"))));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
    assertThat(failure.getMessage()).isEqualTo("auth_error: Invalid user key");
  }

  @Test
  void aRepeatedPageTokenStopsTheListing() {
    VAST.stubFor(firstPage().willReturn(okJson(page("t1", row(1)))));
    VAST.stubFor(pageAfter("t1").willReturn(okJson(page("t1", row(2)))));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(failure.getMessage()).isEqualTo("the instance list repeats a page token");
  }

  @Test
  void aRefusedConnectionIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    VastAiInstancesAdapter nowhere =
        new VastAiInstancesAdapter(
            new VastAiConnection(
                URI.create("http://127.0.0.1:" + closedPort + "/"), Secret.of(KEY), fastTuning()));

    VastApiException failure = catchThrowableOfType(VastApiException.class, nowhere::listInstances);

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.getMessage()).startsWith("connection failed (");
  }

  @Test
  void answersWithinTheRequestTimeout() {
    VastAiInstancesAdapter impatient =
        new VastAiInstancesAdapter(connection(VAST, fastTuning(1, Duration.ofMillis(150))));

    assertThat(impatient.answerTimeout()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void neverShowsTheKey() {
    VAST.stubFor(
        firstPage()
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody(
                        "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"Invalid user key "
                            + KEY
                            + "\"}")));

    VastApiException failure = catchThrowableOfType(VastApiException.class, adapter::listInstances);

    assertThat(failure.getMessage())
        .isEqualTo("auth_error: Invalid user key [redacted] (HTTP 404)")
        .doesNotContain(KEY);
    assertThat(adapter.toString()).doesNotContain(KEY).contains("127.0.0.1");
  }
}
