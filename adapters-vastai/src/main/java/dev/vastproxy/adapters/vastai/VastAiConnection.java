package dev.vastproxy.adapters.vastai;

import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.openapi.api.InstancesApi;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured connection to the vast.ai API, shared by the vast.ai adapters: the generated
 * client with bearer auth and timeouts (one HTTP client, one connection pool), and the tuning of
 * retries and call rates.
 */
public final class VastAiConnection {
  private final URI baseUri;
  private final VastAiTuning tuning;
  private final VastApiErrors errors;
  private final InstancesApi instances;

  /**
   * A connection with the production {@link VastAiTuning#defaults() tuning}.
   *
   * @param baseUri the API's base URI ({@code VAST_API_URL}), e.g. {@code https://console.vast.ai}
   * @param apiKey the API key ({@code VAST_API_KEY}), sent as {@code Authorization: Bearer}
   * @throws IllegalArgumentException when the URI is not a plain http(s) URI or the key is empty
   */
  public VastAiConnection(URI baseUri, Secret apiKey) {
    this(baseUri, apiKey, VastAiTuning.defaults());
  }

  /**
   * A connection with the given timeouts, retries and call rates.
   *
   * @throws IllegalArgumentException when the URI is not a plain http(s) URI or the key is empty
   */
  public VastAiConnection(URI baseUri, Secret apiKey, VastAiTuning tuning) {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(apiKey, "apiKey");
    this.tuning = Objects.requireNonNull(tuning, "tuning");
    if (apiKey.isEmpty()) {
      throw new IllegalArgumentException("the vast.ai API key is empty (set VAST_API_KEY)");
    }
    this.baseUri = VastAiClientFactory.checkedBaseUri(baseUri);
    this.errors = new VastApiErrors(apiKey);
    this.instances = new InstancesApi(VastAiClientFactory.create(this.baseUri, apiKey, tuning));
  }

  /** The API's base URI, without a trailing slash. */
  public URI baseUri() {
    return baseUri;
  }

  /** The timeouts, retries and call rates. */
  public VastAiTuning tuning() {
    return tuning;
  }

  /** The generated instances API on this connection. */
  InstancesApi instances() {
    return instances;
  }

  /** A caller for one operation, without a rate limit of its own. */
  VastAiCaller caller(String operation) {
    return new VastAiCaller(operation, errors, tuning, Optional.empty());
  }

  /** A caller for one operation that waits at least {@code minInterval} between attempts. */
  VastAiCaller rateLimitedCaller(String operation, Duration minInterval) {
    return new VastAiCaller(operation, errors, tuning, Optional.of(minInterval));
  }

  /** Translates failures for calls the adapters inspect themselves. */
  VastApiErrors errors() {
    return errors;
  }

  @Override
  public String toString() {
    return "VastAiConnection[" + baseUri + ", key=redacted]";
  }
}
