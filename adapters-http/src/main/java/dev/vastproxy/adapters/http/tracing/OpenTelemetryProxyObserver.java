package dev.vastproxy.adapters.http.tracing;

import dev.vastproxy.adapters.http.relay.ProxyObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;

/**
 * Traces proxied requests with OpenTelemetry: one server span per request, a child of the client's
 * {@code traceparent} when it sent one, whose own context replaces the client's in the request the
 * engine gets, so that the engine's spans nest under the proxy's. What each request does is told to
 * its {@link RequestSpan}.
 */
public final class OpenTelemetryProxyObserver implements ProxyObserver {
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private final Tracer tracer;

  public OpenTelemetryProxyObserver(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public ProxyObserver arrived(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getRequestHeaders();
    Context parent = W3C.extract(Context.root(), headers, TraceHeaders.INSTANCE);
    String method = exchange.getRequestMethod().toString();
    String path = exchange.getRequestPath();
    Span span =
        tracer
            .spanBuilder(SpanNames.of(method, path))
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    W3C.inject(parent.with(span), headers, TraceHeaders.INSTANCE);
    return new RequestSpan(span, method, path);
  }
}
