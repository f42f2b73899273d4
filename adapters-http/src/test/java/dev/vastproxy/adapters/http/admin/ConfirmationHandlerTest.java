package dev.vastproxy.adapters.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which bodies confirm a destructive action. */
class ConfirmationHandlerTest {

  private static boolean confirms(String body) {
    return ConfirmationHandler.confirms(body.getBytes(StandardCharsets.UTF_8), "destroy");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"confirm\": \"destroy\"}",
        "{\"confirm\":\"destroy\"}",
        " {\n  \"confirm\" : \"destroy\"\n} ",
        "{\"confirm\": \"destroy\", \"note\": \"end of the run\"}"
      })
  void theConfirmationObjectConfirms(String body) {
    assertThat(confirms(body)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "destroy",
        "\"destroy\"",
        "[\"destroy\"]",
        "{}",
        "{\"confirm\": \"Destroy\"}",
        "{\"confirm\": \"destroy \"}",
        "{\"confirm\": true}",
        "{\"confirm\": [\"destroy\"]}",
        "{\"confirmed\": \"destroy\"}",
        "{\"confirm\": \"destroy\"",
        "null"
      })
  void anythingElseDoesNot(String body) {
    assertThat(confirms(body)).isFalse();
  }
}
