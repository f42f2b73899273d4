package dev.vastproxy.simulator.engine;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How a fake engine answers: its kind and token, and a model and timing that may change. */
final class EngineSettings {
  private final EngineKind kind;
  private final boolean timestamps;
  private final int maxModelLen;
  private final long createdAt = Instant.now().getEpochSecond();
  private final Optional<String> bearerToken;
  private volatile String model;
  private volatile Duration ttft;
  private volatile Duration interTokenDelay;
  private volatile int tokens;

  /** The settings the builder gathered, the timing as it starts. */
  EngineSettings(FakeEngine.Builder builder) {
    this.kind = builder.kind;
    this.timestamps = builder.timestamps;
    this.maxModelLen = builder.maxModelLen;
    this.bearerToken = Optional.ofNullable(builder.bearerToken);
    this.model = builder.model;
    setTiming(builder.ttft, builder.interTokenDelay, builder.tokens);
  }

  EngineKind kind() {
    return kind;
  }

  String model() {
    return model;
  }

  void setModel(String newModel) {
    this.model = newModel;
  }

  /** Changes the timing of the next generations. */
  void setTiming(Duration timeToFirstToken, Duration delayBetweenTokens, int tokenCount) {
    this.ttft = timeToFirstToken;
    this.interTokenDelay = delayBetweenTokens;
    this.tokens = tokenCount;
  }

  /** The body of {@code GET /v1/models}. */
  String modelListing() {
    return ModelListing.of(kind, model, createdAt, maxModelLen);
  }

  /** The settings a generation starts from, read now. */
  GenerationDefaults generationDefaults() {
    return new GenerationDefaults(tokens, ttft.toMillis(), interTokenDelay.toMillis(), timestamps);
  }

  /** Whether the request carries the bearer token (always, when none is required). */
  boolean authorized(HttpServerExchange exchange) {
    return bearerToken.isEmpty()
        || ("Bearer " + bearerToken.get())
            .equals(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
  }
}
