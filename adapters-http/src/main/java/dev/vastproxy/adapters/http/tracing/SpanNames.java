package dev.vastproxy.adapters.http.tracing;

import dev.vastproxy.adapters.http.relay.EndpointKind;

/**
 * Span names as OpenTelemetry's HTTP conventions want them: the method and a route of few values
 * (the OpenAI endpoint), never the raw path, which a client chooses.
 */
final class SpanNames {
  private SpanNames() {}

  /** The name of the span of a {@code method} request to {@code path}. */
  static String of(String method, String path) {
    return switch (EndpointKind.of(path)) {
      case CHAT -> method + " /v1/chat/completions";
      case COMPLETIONS -> method + " /v1/completions";
      case RESPONSES -> method + " /v1/responses";
      case EMBEDDINGS -> method + " /v1/embeddings";
      case MODELS -> method + " /v1/models";
      case OTHER -> method;
    };
  }
}
