package dev.vastproxy.simulator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One request a fake engine received, for tests to inspect.
 *
 * @param method the HTTP method
 * @param path the path with the query string, if any
 * @param headers every header, names lower-cased
 * @param body the body's bytes
 * @param receivedAt when the request arrived
 * @param connectionClosed completes with the time the client's connection closed
 * @param sent what the engine wrote as the response body (completions only)
 */
public record RecordedRequest(
    String method,
    String path,
    Map<String, List<String>> headers,
    byte[] body,
    Instant receivedAt,
    CompletableFuture<Instant> connectionClosed,
    SentBody sent) {

  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(connectionClosed, "connectionClosed");
    Objects.requireNonNull(sent, "sent");
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
