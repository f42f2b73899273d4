package dev.vastproxy.bootstrap.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where trace spans go: {@code VASTPROXY_OTLP_ENDPOINT}, else OpenTelemetry's own variables as its
 * SDKs read them ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} as the full URL, {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} as the base that {@code /v1/traces} is added to), else nowhere.
 */
final class OtlpEndpoint {
  static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  static final String BASE_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String TRACES_PROTOCOL = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
  static final String PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";

  /** The one OTLP protocol the proxy speaks, as OpenTelemetry's variables name it. */
  static final String HTTP_PROTOBUF = "http/protobuf";

  private static final String TRACES_PATH = "/v1/traces";

  private OtlpEndpoint() {}

  /**
   * The traces URL, from the setting's {@code value} or the environment.
   *
   * @throws ConfigException when the chosen value is not an http(s) URL or asks for another
   *     protocol
   */
  static Optional<URI> resolve(String value, Map<String, String> environment)
      throws ConfigException {
    Optional<URI> endpoint;
    if (value.equalsIgnoreCase("none")) {
      return Optional.empty();
    } else if (!value.isEmpty()) {
      URI uri = url(Setting.OTLP_ENDPOINT.envVar(), value);
      String path = uri.getRawPath();
      // A collector's address alone means its standard traces path.
      endpoint =
          Optional.of(path == null || path.isEmpty() || path.equals("/") ? traces(uri) : uri);
    } else if (!blank(environment.get(TRACES_ENDPOINT))) {
      endpoint = Optional.of(url(TRACES_ENDPOINT, environment.get(TRACES_ENDPOINT).strip()));
    } else if (!blank(environment.get(BASE_ENDPOINT))) {
      endpoint = Optional.of(traces(url(BASE_ENDPOINT, environment.get(BASE_ENDPOINT).strip())));
    } else {
      endpoint = Optional.empty();
    }
    if (endpoint.isPresent()) {
      requireHttpProtobuf(environment);
    }
    return endpoint;
  }

  private static void requireHttpProtobuf(Map<String, String> environment) throws ConfigException {
    String name = blank(environment.get(TRACES_PROTOCOL)) ? PROTOCOL : TRACES_PROTOCOL;
    String protocol = environment.get(name);
    if (!blank(protocol) && !protocol.strip().equalsIgnoreCase(HTTP_PROTOBUF)) {
      throw new ConfigException(
          name
              + "="
              + protocol.strip()
              + " is not supported: vastproxy sends traces as OTLP over HTTP (http/protobuf,"
              + " port 4318 on a collector); unset it or set it to http/protobuf");
    }
  }

  private static URI url(String name, String text) throws ConfigException {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme =
        uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null) {
      throw new ConfigException(
          name
              + "="
              + text
              + " is not an http(s) URL: use the collector's OTLP/HTTP address, e.g."
              + " http://127.0.0.1:4318 (or none for no tracing)");
    }
    // The URL is logged at start; what could hold a credential is refused, and not repeated.
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigException(
          name
              + " holds a user name, password, ?query or #fragment: use the collector's plain"
              + " URL, e.g. http://127.0.0.1:4318");
    }
    return uri;
  }

  /** {@code /v1/traces} under a base URL's path. */
  private static URI traces(URI base) {
    String text = base.toString();
    return URI.create(
        (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + TRACES_PATH);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
