package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.application.port.in.RecordTokensUseCase;
import dev.vastproxy.domain.cost.TokensServed;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * The tokens one backend's part of a resumable stream served, told by the stream's own event walk
 * ({@link DeliveredStream}), so that counting costs no second pass over the bytes; handed to the
 * application once, when the exchange ends. The last {@code usage} an event carried wins; without
 * one, each event that carried generated text counts one completion token, as an estimate.
 */
final class TokenTally implements ExchangeCompletionListener {
  private final RecordTokensUseCase tokens;
  private final InstanceId backend;
  private long generatedEvents;
  private boolean sawUsage;
  private long prompt;
  private long completion;

  private TokenTally(RecordTokensUseCase tokens, InstanceId backend) {
    this.tokens = tokens;
    this.backend = backend;
  }

  /** A tally for {@code backend}'s part of the answer, reported when {@code exchange} ends. */
  static TokenTally reportedAtEnd(
      RecordTokensUseCase tokens, InstanceId backend, HttpServerExchange exchange) {
    TokenTally tally = new TokenTally(tokens, backend);
    exchange.addExchangeCompleteListener(tally);
    return tally;
  }

  /** An event carried generated text (content, reasoning or a tool call). */
  void generated() {
    generatedEvents++;
  }

  /** An event carried the engine's {@code usage}. */
  void usage(long promptTokens, long completionTokens) {
    sawUsage = true;
    prompt = promptTokens;
    completion = completionTokens;
  }

  /** What the answer served so far; empty when it carried neither usage nor text. */
  Optional<TokensServed> served() {
    if (sawUsage) {
      return Optional.of(TokensServed.usage(prompt, completion));
    }
    return generatedEvents > 0
        ? Optional.of(TokensServed.estimate(generatedEvents))
        : Optional.empty();
  }

  @Override
  public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
    try {
      served().ifPresent(served -> tokens.served(backend, served));
    } finally {
      nextListener.proceed();
    }
  }
}
