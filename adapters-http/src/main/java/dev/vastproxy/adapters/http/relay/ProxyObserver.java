package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.routing.RoutingDecision;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * Hears how each proxied request went, for metrics and traces. Called on IO threads: must not
 * block.
 */
public interface ProxyObserver {
  /** Observes nothing. */
  ProxyObserver NONE = new ProxyObserver() {};

  /** How a request ended. */
  enum Outcome {
    /** The backend's answer reached the client in full. */
    COMPLETED,
    /** The client went away first. */
    CLIENT_GONE,
    /** The backend failed (connect, reset, timeout). */
    BACKEND_FAILED,
    /** No backend could take it (503) or none serves its model (404). */
    NOT_ROUTED
  }

  /**
   * A request arrived; answers the observer that hears the rest of it. An observer that follows one
   * request from end to end (a trace span) answers a new one, and may rewrite the request's W3C
   * trace context headers, which go on to the engine as they are left. Stateless observers answer
   * themselves, so that hearing requests this way costs nothing.
   */
  default ProxyObserver arrived(HttpServerExchange exchange) {
    return this;
  }

  /** Routing answered for the request: each time it was asked while choosing a backend. */
  default void routed(RoutingDecision decision) {}

  /** A request went out to a backend: once per send, so a second send of a request shows. */
  default void requestSent(InstanceId backend) {}

  /** A request whose engine failed before answering was sent to another engine. */
  default void retriedBeforeFirstByte(InstanceId failed) {}

  /** A broken stream was handed to another engine to continue. */
  default void resumed(InstanceId failed, InstanceId next) {}

  /** A broken stream could not be continued and ended with an error event. */
  default void notResumable(InstanceId failed) {}

  /** The instance asked to continue a broken stream failed before its answer began. */
  default void resumeFailed(InstanceId continuing) {}

  /** The backend's response headers arrived, {@code nanos} after the request did. */
  default void responseStarted(InstanceId backend, RequestFacts facts, int status, long nanos) {}

  /**
   * The first bytes of the backend's answer body arrived, {@code nanos} after the request did: for
   * an event stream, the first token (engines send stream headers before any token).
   */
  default void firstBytes(InstanceId backend, RequestFacts facts, int status, long nanos) {}

  /** The request ended, {@code nanos} after it arrived. */
  default void requestEnded(
      Optional<InstanceId> backend, RequestFacts facts, int status, Outcome outcome, long nanos) {}
}
