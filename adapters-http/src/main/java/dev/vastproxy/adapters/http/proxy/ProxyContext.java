package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import io.undertow.connector.ByteBufferPool;

/**
 * What every proxied request shares: the use cases it drives, the backend connections, the memory
 * budget of peeked bodies, the settings, the observer, and the streams relayed per instance.
 */
record ProxyContext(
    RouteRequestUseCase routing,
    ReportBackendFailureUseCase failures,
    BackendConnections connections,
    ByteBufferPool bufferPool,
    MemoryBudget peekBudget,
    ProxySettings settings,
    ProxyObserver observer,
    StreamsOnInstances streams) {}
