package dev.vastproxy.simulator.engine;

import java.util.Optional;

/** Which OpenAI endpoint a generation answers, and so the shape of its body. */
enum EngineApi {
  /** {@code POST /v1/chat/completions}. */
  CHAT,
  /** {@code POST /v1/completions}. */
  TEXT,
  /** {@code POST /v1/responses}. */
  RESPONSES;

  /** The endpoint a path names, if it names one. */
  static Optional<EngineApi> at(String path) {
    return switch (path) {
      case "/v1/chat/completions" -> Optional.of(CHAT);
      case "/v1/completions" -> Optional.of(TEXT);
      case "/v1/responses" -> Optional.of(RESPONSES);
      default -> Optional.empty();
    };
  }
}
