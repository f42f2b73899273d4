package dev.vastproxy.simulator.engine;

import java.util.Objects;

/**
 * What one completion request asks of the fake engine, after per-request overrides.
 *
 * @param chat whether it is a chat completion (else a text completion)
 * @param model the model id to answer as
 * @param stream whether to stream SSE events
 * @param includeUsage whether to add a usage event before {@code [DONE]}
 * @param tokens how many tokens to generate
 * @param ttftMillis the wait before the first token
 * @param delayMillis the wait between tokens
 */
record GenerationRequest(
    boolean chat,
    String model,
    boolean stream,
    boolean includeUsage,
    int tokens,
    long ttftMillis,
    long delayMillis) {
  GenerationRequest {
    Objects.requireNonNull(model, "model");
    if (tokens < 0 || ttftMillis < 0 || delayMillis < 0) {
      throw new IllegalArgumentException("tokens and delays must not be negative");
    }
  }
}
