package dev.vastproxy.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where trace spans go: our setting first, then OpenTelemetry's variables, else nowhere. */
class OtlpEndpointTest {
  @TempDir Path work;
  @TempDir Path home;
  private final Map<String, String> env = new HashMap<>(Map.of("VAST_API_KEY", "vk"));

  private Optional<URI> endpoint(String... args) throws ConfigException {
    LaunchRequest request = new ConfigLoader(env, work, home).load(args);
    return ((LaunchRequest.Run) request).config().otlpEndpoint();
  }

  @Test
  void withNothingSetThereIsNoTracing() throws Exception {
    assertThat(endpoint()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "http://127.0.0.1:4318, http://127.0.0.1:4318/v1/traces",
    "http://127.0.0.1:4318/, http://127.0.0.1:4318/v1/traces",
    "https://otel.example:443/custom/traces, https://otel.example:443/custom/traces",
    "http://collector:4318/v1/traces, http://collector:4318/v1/traces"
  })
  void theSettingIsACollectorsAddressOrItsFullTracesUrl(String value, String expected)
      throws Exception {
    assertThat(endpoint("--otlp-endpoint", value)).contains(URI.create(expected));
    env.put("VASTPROXY_OTLP_ENDPOINT", value);
    assertThat(endpoint()).contains(URI.create(expected));
  }

  @Test
  void openTelemetrysOwnVariablesAreReadAsItsSdksReadThem() throws Exception {
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/base/");
    assertThat(endpoint()).contains(URI.create("http://collector:4318/base/v1/traces"));

    env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/exact");
    assertThat(endpoint()).contains(URI.create("http://traces:4318/exact"));

    env.put("VASTPROXY_OTLP_ENDPOINT", "http://ours:4318");
    assertThat(endpoint()).contains(URI.create("http://ours:4318/v1/traces"));

    assertThat(endpoint("--otlp-endpoint", "none")).isEmpty();
  }

  @Test
  void httpProtobufIsTheOneProtocol() throws Exception {
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    assertThat(endpoint()).isPresent();

    env.put("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "grpc");
    assertThatThrownBy(this::endpoint)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=grpc is not supported: vastproxy sends traces as"
                + " OTLP over HTTP (http/protobuf, port 4318 on a collector); unset it or set it to"
                + " http/protobuf");

    env.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(endpoint()).as("no endpoint, no protocol to check").isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"collector:4318", "ftp://collector/v1/traces", "http://", "http://a b"})
  void anythingButAnHttpUrlIsOneReadableLine(String value) {
    assertThatThrownBy(() -> endpoint("--otlp-endpoint", value))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "VASTPROXY_OTLP_ENDPOINT="
                + value
                + " is not an http(s) URL: use the collector's OTLP/HTTP address, e.g."
                + " http://127.0.0.1:4318 (or none for no tracing)");
  }

  @ParameterizedTest
  @CsvSource({
    "http://user:s3cret@collector:4318",
    "http://collector:4318/v1/traces?key=s3cret",
    "http://collector:4318/#s3cret"
  })
  void whatCouldHoldACredentialIsRefusedWithoutRepeatingIt(String value) {
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", value);

    assertThatThrownBy(this::endpoint)
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "OTEL_EXPORTER_OTLP_ENDPOINT holds a user name, password, ?query or #fragment: use the"
                + " collector's plain URL, e.g. http://127.0.0.1:4318");
  }
}
