package dev.vastproxy.adapters.vastai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.KEY;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.connection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vastproxy.application.port.out.DestroyOutcome;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.port.out.VastApiException.Kind;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VastAiDestroyAdapterTest {
  @RegisterExtension static final WireMockExtension VAST = VastAiTestSupport.wireMock();

  private static final String PATH = "/api/v0/instances/24681357/";
  private static final InstanceId ID = new InstanceId(24681357);

  private final VastAiDestroyAdapter adapter = new VastAiDestroyAdapter(connection(VAST));

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @Test
  void destroysOnTheSlashedPathWithTheBearerKey() throws Exception {
    VAST.stubFor(
        delete(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("vastai/ok_destroy.json"))));

    assertThat(adapter.destroy(ID)).isEqualTo(DestroyOutcome.DESTROYED);
    VAST.verify(
        deleteRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void noSuchInstanceIsAlreadyGone() throws Exception {
    VAST.stubFor(
        delete(urlEqualTo(PATH))
            .willReturn(json(404, Fixtures.read("vastai/err_no_such_instance.json"))));

    assertThat(adapter.destroy(ID)).isEqualTo(DestroyOutcome.ALREADY_GONE);
    VAST.verify(1, deleteRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void notFoundInA200IsAlreadyGone() throws Exception {
    VAST.stubFor(
        delete(urlEqualTo(PATH))
            .willReturn(
                okJson("{\"success\": false, \"error\": \"not_found\", \"msg\": \"gone\"}")));

    assertThat(adapter.destroy(ID)).isEqualTo(DestroyOutcome.ALREADY_GONE);
  }

  @Test
  void anAuthErrorWithHttp404IsNotAlreadyGone() {
    VAST.stubFor(
        delete(urlEqualTo(PATH)).willReturn(json(404, Fixtures.read("vastai/err_auth.json"))));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.destroy(ID));

    assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION);
  }

  @Test
  void aPlain404IsRejected() {
    VAST.stubFor(delete(urlEqualTo(PATH)).willReturn(aResponse().withStatus(404)));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.destroy(ID));

    assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
    assertThat(failure.getMessage()).isEqualTo("HTTP 404");
  }

  @Test
  void anotherRefusalIsRejected() {
    VAST.stubFor(
        delete(urlEqualTo(PATH))
            .willReturn(
                okJson("{\"success\": false, \"error\": \"invalid_args\", \"msg\": \"nope\"}")));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.destroy(ID));

    assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
    assertThat(failure.getMessage()).isEqualTo("invalid_args: nope");
  }

  @Test
  void anEmptyAnswerIsMalformed() {
    VAST.stubFor(delete(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

    VastApiException failure =
        catchThrowableOfType(VastApiException.class, () -> adapter.destroy(ID));

    assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void aGatewayErrorIsRetried() throws Exception {
    VAST.stubFor(
        delete(urlEqualTo(PATH))
            .inScenario("destroy")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"))
            .willSetStateTo("retried"));
    VAST.stubFor(
        delete(urlEqualTo(PATH))
            .inScenario("destroy")
            .whenScenarioStateIs("retried")
            .willReturn(okJson(Fixtures.read("vastai/ok_destroy.json"))));

    assertThat(adapter.destroy(ID)).isEqualTo(DestroyOutcome.DESTROYED);
    VAST.verify(2, deleteRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void toStringHoldsNoKey() {
    assertThat(adapter.toString()).doesNotContain(KEY).startsWith("VastAiDestroyAdapter[");
  }
}
