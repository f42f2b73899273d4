package dev.vastproxy.simulator.engine;

import java.util.Objects;

/**
 * What one generation request asks of the fake engine, after per-request overrides.
 *
 * @param api which endpoint it came to
 * @param model the model id to answer as
 * @param stream whether to stream SSE events
 * @param includeUsage whether to add a usage event before {@code [DONE]} (completions only)
 * @param timestamps whether each token event carries the engine's send time as {@code "t"}
 * @param tokens how many tokens to generate
 * @param ttftMillis the wait before the first token
 * @param delayMillis the wait between tokens
 * @param firstWord where in the engine's text generation starts: past the words of a final
 *     assistant message it was asked to continue
 * @param promptTokens what its {@code usage} reports as the prompt: the request's words, one token
 *     each, a continued assistant message's words included (it is prefilled like the rest)
 * @param limited whether the request's own token limit ({@code max_tokens}…) set the count: the
 *     answer then ends with {@code finish_reason: length}, as vLLM and SGLang end it
 */
record GenerationRequest(
    EngineApi api,
    String model,
    boolean stream,
    boolean includeUsage,
    boolean timestamps,
    int tokens,
    long ttftMillis,
    long delayMillis,
    int firstWord,
    int promptTokens,
    boolean limited) {
  GenerationRequest {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(model, "model");
    if (tokens < 0 || ttftMillis < 0 || delayMillis < 0 || firstWord < 0 || promptTokens < 0) {
      throw new IllegalArgumentException("tokens and delays must not be negative");
    }
  }

  /** Why the answer ends: {@code length} when the token limit cut it, else {@code stop}. */
  String finishReason() {
    return limited ? "length" : "stop";
  }
}
