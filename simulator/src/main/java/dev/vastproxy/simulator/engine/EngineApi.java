package dev.vastproxy.simulator.engine;

/** Which OpenAI endpoint a generation answers, and so the shape of its body. */
enum EngineApi {
  /** {@code POST /v1/chat/completions}. */
  CHAT,
  /** {@code POST /v1/completions}. */
  TEXT,
  /** {@code POST /v1/responses}. */
  RESPONSES
}
