package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.adapters.http.upstream.BackendConnections;
import dev.vastproxy.adapters.http.upstream.MemoryBudget;
import dev.vastproxy.application.port.in.HoldRequestUseCase;
import dev.vastproxy.application.port.in.RecordTokensUseCase;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import dev.vastproxy.domain.instance.InstanceId;
import io.undertow.client.ClientResponse;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpServerExchange;

/**
 * What every proxied request shares: the use cases it drives, the backend connections, the memory
 * budget of peeked bodies, the settings, the observer, where answers' tokens are counted, the
 * streams relayed per instance, and the watches on silent backends.
 */
record ProxyContext(
    RouteRequestUseCase routing,
    ReportBackendFailureUseCase failures,
    HoldRequestUseCase waitingRoom,
    BackendConnections connections,
    ByteBufferPool bufferPool,
    MemoryBudget peekBudget,
    ProxySettings settings,
    ProxyObserver observer,
    RecordTokensUseCase tokens,
    StreamsOnInstances streams,
    SilenceSweeps silence) {

  /** The context of one request that just arrived: the same, told to its own observer. */
  ProxyContext arrived(HttpServerExchange exchange) {
    ProxyObserver own = observer.arrived(exchange);
    return own == observer
        ? this
        : new ProxyContext(
            routing,
            failures,
            waitingRoom,
            connections,
            bufferPool,
            peekBudget,
            settings,
            own,
            tokens,
            streams,
            silence);
  }

  /** The relay's filter for an answer of {@code backend} relayed as it comes: tokens counted. */
  ChannelRelay.Filter tap(
      InstanceId backend, HttpServerExchange exchange, ClientResponse response) {
    return TokenTap.on(tokens, backend, exchange, response);
  }

  /** A tally of {@code backend}'s tokens in a resumable stream, reported when the exchange ends. */
  TokenTally tally(InstanceId backend, HttpServerExchange exchange) {
    return TokenTally.reportedAtEnd(tokens, backend, exchange);
  }
}
