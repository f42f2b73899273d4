package dev.vastproxy.adapters.http.tracing;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * Reads and writes W3C trace context in an Undertow header map: what the client sent is read, and
 * the proxy's own span replaces it for the engine.
 */
enum TraceHeaders implements TextMapGetter<HeaderMap>, TextMapSetter<HeaderMap> {
  INSTANCE;

  @Override
  public String get(HeaderMap headers, String key) {
    return headers == null ? null : headers.getFirst(key);
  }

  @Override
  public void set(HeaderMap headers, String key, String value) {
    if (headers != null) {
      headers.put(new HttpString(key), value);
    }
  }
}
