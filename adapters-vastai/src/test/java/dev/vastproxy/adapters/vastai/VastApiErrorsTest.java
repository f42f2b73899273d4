package dev.vastproxy.adapters.vastai;

import static dev.vastproxy.adapters.vastai.VastAiTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.application.port.out.VastApiException;
import dev.vastproxy.application.port.out.VastApiException.Kind;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.openapi.ApiException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VastApiErrorsTest {
  private final VastApiErrors errors = new VastApiErrors(Secret.of(KEY));

  private static ApiException status(int code, String body) {
    return new ApiException(
        "call failed with: " + code + " - " + body,
        code,
        HttpHeaders.of(Map.of(), (name, value) -> true),
        body);
  }

  @Test
  void classifiesStatuses() {
    assertThat(errors.translate(status(403, "")).kind()).isEqualTo(Kind.AUTHENTICATION);
    assertThat(errors.translate(status(401, "Please log in")).kind())
        .isEqualTo(Kind.AUTHENTICATION);
    assertThat(errors.translate(status(429, "API requests too frequent")).kind())
        .isEqualTo(Kind.RATE_LIMITED);
    assertThat(errors.translate(status(504, "<html>timeout</html>")).kind())
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(errors.translate(status(410, "{\"error\":\"deprecated_endpoint\"}")).getMessage())
        .isEqualTo("deprecated_endpoint (HTTP 410)");
  }

  @Test
  void readsMessageOrDetailAndIgnoresNonTextFields() {
    assertThat(errors.translate(status(400, "{\"message\": \"bad  \\n filter\"}")).getMessage())
        .isEqualTo("HTTP 400: bad filter");
    assertThat(errors.translate(status(400, "{\"error\": 7, \"msg\": {\"x\": 1}}")).getMessage())
        .isEqualTo("HTTP 400");
    assertThat(errors.translate(status(400, "[\"error\"]")).getMessage()).isEqualTo("HTTP 400");
    assertThat(errors.translate(status(400, null)).getMessage()).isEqualTo("HTTP 400");
  }

  @Test
  void keepsMessagesShortAndWithoutTheKey() {
    String body = "{\"error\": \"invalid_args\", \"msg\": \"" + KEY + " " + "x".repeat(500) + "\"}";

    VastApiException failure = errors.translate(status(400, body));

    assertThat(failure.getMessage()).startsWith("invalid_args: [redacted] xxx").hasSize(160);
    assertThat(failure.getMessage()).doesNotContain(KEY);
    assertThat(failure.getCause()).isNull();
  }

  @Test
  void classifiesTransportFailures() {
    assertThat(errors.translate(new ApiException(new HttpConnectTimeoutException("slow"))))
        .hasMessage("connect timed out")
        .extracting(VastApiException::kind)
        .isEqualTo(Kind.UNAVAILABLE);
    assertThat(errors.translate(new ApiException(new ConnectException("refused"))))
        .hasMessage("connection failed (ConnectException)");
    assertThat(errors.translate(new ApiException(new InterruptedException())))
        .hasMessage("interrupted");
    assertThat(errors.translate(new ApiException(new IllegalStateException("?"))))
        .hasMessage("request failed (IllegalStateException)");
    assertThat(errors.translate(new ApiException("no cause")))
        .hasMessage("request failed (no cause)");
  }

  @Test
  void readsTheErrorCode() {
    assertThat(VastApiErrors.errorCode(status(404, "{\"error\": \" not_found \"}")))
        .contains("not_found");
    assertThat(VastApiErrors.errorCode(status(404, "not json"))).isEmpty();
  }

  @Test
  void describesRefusals() {
    assertThat(errors.refused(null, null)).hasMessage("success: false");
    assertThat(errors.refused("auth_error", null))
        .hasMessage("auth_error")
        .extracting(VastApiException::kind)
        .isEqualTo(Kind.AUTHENTICATION);
  }
}
