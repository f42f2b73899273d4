package dev.vastproxy.adapters.vastai;

import static dev.vastproxy.adapters.vastai.VastAiTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastproxy.domain.instance.Secret;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VastAiConnectionTest {

  @Test
  void dropsATrailingSlashFromTheBaseUri() {
    VastAiConnection connection =
        new VastAiConnection(URI.create("https://console.vast.ai/"), Secret.of(KEY));

    assertThat(connection.baseUri()).isEqualTo(URI.create("https://console.vast.ai"));
    assertThat(connection.tuning()).isEqualTo(VastAiTuning.defaults());
  }

  @Test
  void neverPrintsTheKey() {
    VastAiConnection connection =
        new VastAiConnection(URI.create("http://127.0.0.1:9"), Secret.of(KEY));

    assertThat(connection.toString())
        .isEqualTo("VastAiConnection[http://127.0.0.1:9, key=redacted]")
        .doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "console.vast.ai",
        "ftp://console.vast.ai",
        "https://user:sk-secret@console.vast.ai",
        "https://console.vast.ai/?api_key=sk-secret",
        "https://console.vast.ai/#top",
        "file:///tmp/x"
      })
  void refusesBaseUrisThatAreNotPlainHttp(String uri) {
    assertThatThrownBy(() -> new VastAiConnection(URI.create(uri), Secret.of(KEY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("VAST_API_URL must be")
        .message()
        .doesNotContain("sk-secret");
  }

  @Test
  void refusesAnEmptyKey() {
    assertThatThrownBy(
            () -> new VastAiConnection(URI.create("https://console.vast.ai"), Secret.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VAST_API_KEY");
  }

  @Test
  void tuningIsValidated() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(
            () ->
                new VastAiTuning(Duration.ZERO, second, 1, second, second, second, second, second))
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(
            () -> new VastAiTuning(second, second, -1, second, second, second, second, second))
        .hasMessageContaining("retries");
    assertThatThrownBy(
            () -> new VastAiTuning(second, second, 11, second, second, second, second, second))
        .hasMessageContaining("retries");
    assertThatThrownBy(
            () ->
                new VastAiTuning(
                    second, second, 1, Duration.ofNanos(10), second, second, second, second))
        .hasMessageContaining("firstBackoff");
    assertThatThrownBy(
            () ->
                new VastAiTuning(
                    second, second, 1, second, Duration.ofMillis(10), second, second, second))
        .hasMessageContaining("maxBackoff");
    assertThatThrownBy(
            () -> new VastAiTuning(second, second, 1, second, second, second, second, null))
        .isInstanceOf(NullPointerException.class);
  }
}
