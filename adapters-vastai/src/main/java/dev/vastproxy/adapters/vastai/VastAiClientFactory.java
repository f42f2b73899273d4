package dev.vastproxy.adapters.vastai;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.openapi.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * Builds the generated client configured for vast.ai: bearer auth on every request, timeouts, and
 * an object mapper that survives vast.ai's messy answers.
 */
final class VastAiClientFactory {
  /** Sent as {@code User-Agent}, so vast.ai can tell our calls apart. */
  static final String USER_AGENT = "vastproxy";

  private VastAiClientFactory() {}

  /** A client for the API at {@code baseUri} (already checked by {@link #checkedBaseUri}). */
  static ApiClient create(URI baseUri, Secret apiKey, VastAiTuning tuning) {
    HttpClient.Builder http =
        HttpClient.newBuilder()
            // Plain HTTP/1.1: no h2c upgrade dance with test doubles; a poll every few seconds
            // gains nothing from HTTP/2.
            .version(HttpClient.Version.HTTP_1_1)
            // A redirected PUT or DELETE can lose its method or body: never follow one.
            .followRedirects(HttpClient.Redirect.NEVER);
    String authorization = "Bearer " + apiKey.reveal();
    ApiClient client = new ApiClient(http, objectMapper(), baseUri.toString());
    client.setConnectTimeout(tuning.connectTimeout());
    client.setReadTimeout(tuning.requestTimeout());
    // The native library does not apply the spec's security scheme; this interceptor does.
    client.setRequestInterceptor(
        request ->
            request.setHeader("Authorization", authorization).setHeader("User-Agent", USER_AGENT));
    return client;
  }

  /**
   * The generated client's mapper (unknown fields ignored), reading a single-element array where
   * one object is expected; list pages keep their rows untyped for {@link InstanceRowReader}.
   */
  static ObjectMapper objectMapper() {
    ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
    mapper.enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
    return mapper;
  }

  /**
   * Checks a base URI such as {@code https://console.vast.ai} and drops a trailing slash.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URI without user info,
   *     query or fragment (the message does not repeat it: it might hold a credential)
   */
  static URI checkedBaseUri(URI baseUri) {
    String scheme = baseUri.getScheme();
    boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    if (!web
        || baseUri.getHost() == null
        || baseUri.getRawUserInfo() != null
        || baseUri.getRawQuery() != null
        || baseUri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "VAST_API_URL must be an http(s) URL without user info, query or fragment,"
              + " e.g. https://console.vast.ai");
    }
    String text = baseUri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }
}
