package dev.vastproxy.adapters.vastai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.vastproxy.adapters.vastai.VastAiTestSupport.connection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.domain.instance.InstanceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VastAiStateAdaptersTest {
  @RegisterExtension static final WireMockExtension VAST = VastAiTestSupport.wireMock();

  private static final String PATH = "/api/v0/instances/24681357/";
  private static final InstanceId ID = new InstanceId(24681357);

  @Test
  void stopsWithAStateOnlyBody() throws Exception {
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(okJson("{\"success\": true}")));

    VastAiStopAdapter adapter = new VastAiStopAdapter(connection(VAST));
    adapter.stop(ID);

    VAST.verify(
        putRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("{\"state\": \"stopped\"}")));
    assertThat(adapter.toString()).startsWith("VastAiStopAdapter[");
  }

  @Test
  void startsWithAStateOnlyBody() throws Exception {
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(okJson("{\"success\": true}")));

    VastAiStartAdapter adapter = new VastAiStartAdapter(connection(VAST));
    adapter.start(ID);

    VAST.verify(
        putRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("{\"state\": \"running\"}")));
    assertThat(adapter.toString()).startsWith("VastAiStartAdapter[");
  }

  @Test
  void successFalseIsRefused() {
    VAST.stubFor(
        put(urlEqualTo(PATH))
            .willReturn(okJson("{\"success\": false, \"error\": \"x\", \"msg\": \"no GPUs\"}")));

    VastApiException refused =
        catchThrowableOfType(
            VastApiException.class, () -> new VastAiStartAdapter(connection(VAST)).start(ID));

    assertThat(refused.getMessage()).contains("no GPUs");
  }

  @Test
  void anEmptyAnswerIsMalformed() {
    VAST.stubFor(put(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

    VastApiException malformed =
        catchThrowableOfType(
            VastApiException.class, () -> new VastAiStopAdapter(connection(VAST)).stop(ID));

    assertThat(malformed.kind()).isEqualTo(VastApiException.Kind.MALFORMED);
  }

  @Test
  void anUnknownInstanceIsRefused() {
    VAST.stubFor(
        put(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"success\":false,\"error\":\"no_such_instance\",\"msg\":\"Instance"
                            + " 24681357 not found.\"}")));

    VastApiException refused =
        catchThrowableOfType(
            VastApiException.class, () -> new VastAiStopAdapter(connection(VAST)).stop(ID));

    assertThat(refused).isNotNull();
  }
}
