package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.domain.backend.Backend;
import io.undertow.client.ClientResponse;
import io.undertow.util.Headers;
import java.util.Objects;
import java.util.Optional;

/**
 * What metrics and traces tell requests apart by, all bounded: the API called, the model (only one
 * the serving backend lists, never a client's free text) and whether the answer streams.
 *
 * @param endpoint the API the path names
 * @param model the requested model when the backend that took the request serves it
 * @param delivery whether the backend answered with an event stream
 */
public record RequestFacts(EndpointKind endpoint, Optional<String> model, Delivery delivery) {
  /** How an answer reaches the client. */
  public enum Delivery {
    /** An event stream ({@code text/event-stream}): tokens as they are generated. */
    STREAMED,
    /** One body, or no answer from a backend at all. */
    WHOLE
  }

  public RequestFacts {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(delivery, "delivery");
  }

  /** The facts of a request that no backend answered. */
  static RequestFacts unanswered(String path) {
    return new RequestFacts(EndpointKind.of(path), Optional.empty(), Delivery.WHOLE);
  }

  /** The facts of a request once {@code backend} began to answer it. */
  static RequestFacts answered(
      String path, Optional<String> requested, Backend backend, ClientResponse response) {
    String type = response.getResponseHeaders().getFirst(Headers.CONTENT_TYPE);
    boolean stream = type != null && type.regionMatches(true, 0, "text/event-stream", 0, 17);
    return new RequestFacts(
        EndpointKind.of(path),
        requested.filter(backend::serves),
        stream ? Delivery.STREAMED : Delivery.WHOLE);
  }
}
