package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.application.port.in.HoldRequestUseCase;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpServerExchange;

/**
 * What every proxied request shares: the use cases it drives, the backend connections, the memory
 * budget of peeked bodies, the settings, the observer, and the streams relayed per instance.
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
    StreamsOnInstances streams) {

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
            streams);
  }
}
