package dev.vastproxy.adapters.http.proxy;

import dev.vastproxy.application.port.in.HoldRequestUseCase;
import dev.vastproxy.application.port.in.ReportBackendFailureUseCase;
import dev.vastproxy.application.port.in.RouteRequestUseCase;
import io.undertow.connector.ByteBufferPool;

/**
 * What every proxied request shares: the use cases it drives, the backend connections, the memory
 * budget of peeked bodies, the settings and the observer.
 */
record ProxyContext(
    RouteRequestUseCase routing,
    ReportBackendFailureUseCase failures,
    HoldRequestUseCase waitingRoom,
    BackendConnections connections,
    ByteBufferPool bufferPool,
    MemoryBudget peekBudget,
    ProxySettings settings,
    ProxyObserver observer) {}
