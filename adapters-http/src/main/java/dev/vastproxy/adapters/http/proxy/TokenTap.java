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
 * Counts one backend's answer's tokens as the relay passes its bytes on (a {@link TokenScanner} in
 * front of the relay's own filter, seeing what the engine sent, before any rewriting), and hands
 * them to the application once, when the exchange ends. One tap per answering backend: when a
 * stream is resumed, each engine is credited with what it sent itself, so the delivered part is
 * never counted twice (the spliced usage the client sees is not what is counted).
 */
final class TokenTap implements ChannelRelay.Filter, ExchangeCompletionListener {
  private final RecordTokensUseCase tokens;
  private final InstanceId backend;
  private final TokenScanner scanner;
  private final ChannelRelay.Filter next;

  private TokenTap(
      RecordTokensUseCase tokens,
      InstanceId backend,
      TokenScanner scanner,
      ChannelRelay.Filter next) {
    this.tokens = tokens;
    this.backend = backend;
    this.scanner = scanner;
    this.next = next;
  }

  /**
   * {@code next} with a tap in front when the answer can carry tokens (a 200 from chat,
   * completions, responses or embeddings, not compressed), registered to report when {@code
   * exchange} ends; else {@code next} itself.
   */
  static ChannelRelay.Filter around(
      RecordTokensUseCase tokens,
      InstanceId backend,
      HttpServerExchange exchange,
      ClientResponse response,
      ChannelRelay.Filter next) {
    EndpointKind kind = EndpointKind.of(exchange.getRequestPath());
    HeaderMap headers = response.getResponseHeaders();
    String encoding = headers.getFirst(Headers.CONTENT_ENCODING);
    if (response.getResponseCode() != 200
        || kind == EndpointKind.MODELS
        || kind == EndpointKind.OTHER
        || (encoding != null && !encoding.strip().equalsIgnoreCase("identity"))) {
      return next;
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
                    : TokenScanner.COMPLETION_CONTENT),
            next);
    exchange.addExchangeCompleteListener(tap);
    return tap;
  }

  @Override
  public ByteBuffer apply(ByteBuffer read) {
    scanner.scan(read);
    return next.apply(read);
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
