package dev.vastproxy.adapters.vastai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.KEY;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.connection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.port.out.VastApiException.Kind;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VastAiLabelAdapterTest {
  @RegisterExtension static final WireMockExtension VAST = VastAiTestSupport.wireMock();

  private static final String PATH = "/api/v0/instances/24681357/";
  private static final InstanceId ID = new InstanceId(24681357);

  private final VastAiLabelAdapter adapter = new VastAiLabelAdapter(connection(VAST));

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @Test
  void setsTheLabelWithALabelOnlyBodyOnTheSlashedPath() {
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("vastai/ok_label.json"))));

    assertThatCode(() -> adapter.setLabel(ID, "proxied")).doesNotThrowAnyException();

    VAST.verify(
        putRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson("{\"label\": \"proxied\"}")));
  }

  @Test
  void clearsTheLabelWithTheEmptyText() throws Exception {
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("vastai/ok_label.json"))));

    adapter.setLabel(ID, "");

    VAST.verify(
        putRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("{\"label\": \"\"}")));
  }

  @Test
  void successFalseWithHttp200IsRejected() {
    VAST.stubFor(
        put(urlEqualTo(PATH))
            .willReturn(okJson("{\"success\": false, \"msg\": \"could not set label\"}")));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.setLabel(ID, "proxied"));

    assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
    assertThat(failure.getMessage()).isEqualTo("success: false: could not set label");
  }

  @Test
  void anAnswerWithoutSuccessIsRejected() {
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(okJson("{}")));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.setLabel(ID, "proxied"));

    assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
    assertThat(failure.getMessage()).isEqualTo("success: false");
  }

  @Test
  void anEmptyAnswerIsMalformed() {
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.setLabel(ID, "proxied"));

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void aTooLongLabelIsRejectedWithVastsReason() {
    VAST.stubFor(
        put(urlEqualTo(PATH))
            .willReturn(
                json(
                    400,
                    "{\"success\": false, \"error\": \"label_too_long\","
                        + " \"msg\": \"Please limit label length to 1024 characters.\"}")));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.setLabel(ID, "x".repeat(2000)));

    assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
    assertThat(failure.getMessage())
        .isEqualTo("label_too_long: Please limit label length to 1024 characters. (HTTP 400)");
    VAST.verify(1, putRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void anUnknownInstanceIsRejected() {
    VAST.stubFor(
        put(urlEqualTo(PATH))
            .willReturn(json(404, Fixtures.read("vastai/err_no_such_instance.json"))));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.setLabel(ID, "proxied"));

    assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
    assertThat(failure.getMessage()).startsWith("no_such_instance: Instance 24681357 not found.");
  }

  @Test
  void anAuthErrorIsAnAuthenticationFailure() {
    VAST.stubFor(
        put(urlEqualTo(PATH)).willReturn(json(404, Fixtures.read("vastai/err_auth.json"))));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.setLabel(ID, "proxied"));

    assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
  }

  @Test
  void anAuthErrorInA200IsAnAuthenticationFailure() {
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("vastai/err_auth.json"))));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.setLabel(ID, "proxied"));

    assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
    assertThat(failure.getMessage()).isEqualTo("auth_error: Invalid user key");
  }

  @Test
  void aRateLimitIsRetried() throws Exception {
    VAST.stubFor(
        put(urlEqualTo(PATH))
            .inScenario("label")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withBody("API requests too frequent"))
            .willSetStateTo("retried"));
    VAST.stubFor(
        put(urlEqualTo(PATH))
            .inScenario("label")
            .whenScenarioStateIs("retried")
            .willReturn(okJson(Fixtures.read("vastai/ok_label.json"))));

    adapter.setLabel(ID, "proxied");

    VAST.verify(2, putRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void spacesLabelCallsByTheLabelInterval() throws Exception {
    Duration interval = Duration.ofMillis(200);
    VastAiTuning base = VastAiTestSupport.fastTuning();
    VastAiTuning slowLabels =
        new VastAiTuning(
            base.requestTimeout(),
            base.connectTimeout(),
            base.retries(),
            base.firstBackoff(),
            base.maxBackoff(),
            interval,
            base.destroyInterval(),
            Duration.ofSeconds(5));
    VastAiLabelAdapter paced = new VastAiLabelAdapter(connection(VAST, slowLabels));
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("vastai/ok_label.json"))));

    long started = System.nanoTime();
    paced.setLabel(ID, "a");
    paced.setLabel(ID, "b");
    paced.setLabel(ID, "c");

    // Three calls need three rate periods: at least one whole period lies between first and last.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(interval);
    VAST.verify(3, putRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void aCallThatWaitsTooLongForItsTurnGivesUpWithoutRetrying() throws Exception {
    VastAiTuning base = VastAiTestSupport.fastTuning();
    VastAiTuning oneAMinute =
        new VastAiTuning(
            base.requestTimeout(),
            base.connectTimeout(),
            base.retries(),
            base.firstBackoff(),
            base.maxBackoff(),
            Duration.ofMinutes(1),
            base.destroyInterval(),
            Duration.ofMillis(20));
    VastAiLabelAdapter paced = new VastAiLabelAdapter(connection(VAST, oneAMinute));
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("vastai/ok_label.json"))));
    paced.setLabel(ID, "a");

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> paced.setLabel(ID, "b"));

    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(failure.getMessage()).isEqualTo("too many set label calls waiting for their turn");
    VAST.verify(1, putRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void toStringHoldsNoKey() {
    assertThat(adapter.toString()).doesNotContain(KEY).startsWith("VastAiLabelAdapter[");
  }
}
