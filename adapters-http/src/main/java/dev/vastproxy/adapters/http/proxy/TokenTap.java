package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.application.port.in.RecordTokensUseCase;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.client.ClientResponse;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;

/**
 * Counts the tokens of an answer that is relayed as it comes (a {@link TokenScanner} as the relay's
 * filter, passing the bytes on unchanged), and hands them to the application once, when the
 * exchange ends. A resumable stream is counted by its own event walk instead ({@link TokenTally}).
 */
final class TokenTap implements ChannelRelay.Filter, ExchangeCompletionListener {
  private final RecordTokensUseCase tokens;
  private final InstanceId backend;
  private final TokenScanner scanner;

  private TokenTap(RecordTokensUseCase tokens, InstanceId backend, TokenScanner scanner) {
    this.tokens = tokens;
    this.backend = backend;
    this.scanner = scanner;
  }

  /**
   * A tap when the answer can carry tokens (a 200 from chat, completions, responses or embeddings,
   * not compressed), registered to report when {@code exchange} ends; else no filter.
   */
  static ChannelRelay.Filter on(
      RecordTokensUseCase tokens,
      InstanceId backend,
      HttpServerExchange exchange,
      ClientResponse response) {
    EndpointKind kind = EndpointKind.of(exchange.getRequestPath());
    HeaderMap headers = response.getResponseHeaders();
    String encoding = headers.getFirst(Headers.CONTENT_ENCODING);
    if (response.getResponseCode() != 200
        || kind == EndpointKind.MODELS
        || kind == EndpointKind.OTHER
        || (encoding != null && !encoding.strip().equalsIgnoreCase("identity"))) {
      return ChannelRelay.Filter.NONE;
    }
    String type = headers.getFirst(Headers.CONTENT_TYPE);
    boolean stream = type != null && type.regionMatches(true, 0, "text/event-stream", 0, 17);
    TokenTap tap =
        new TokenTap(
            tokens,
            backend,
            new TokenScanner(
                stream,
                kind == EndpointKind.RESPONSES
                    ? TokenScanner.RESPONSES_CONTENT
                    : TokenScanner.COMPLETION_CONTENT));
    exchange.addExchangeCompleteListener(tap);
    return tap;
  }

  @Override
  public ByteBuffer apply(ByteBuffer read) {
    scanner.scan(read);
    return read;
  }

  @Override
  public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
    try {
      scanner.served().ifPresent(served -> tokens.served(backend, served));
    } finally {
      nextListener.proceed();
    }
  }
}
