package dev.vastproxy.adapters.http.relay;

import dev.vastproxy.adapters.http.upstream.ForwardedHeaders;
import dev.vastproxy.adapters.http.upstream.HopByHopHeaders;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.endpoint.Endpoint;
import io.undertow.client.ClientRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.HashSet;
import java.util.Set;

/**
 * The request a backend is sent for a client's request: the same method, path and end-to-end
 * headers, the instance's own bearer token instead of the client's key, the proxy's forwarding
 * headers, and the framing of the body actually sent.
 */
final class BackendRequests {
  private static final Set<HttpString> NOT_FORWARDED = notForwarded();

  private BackendRequests() {}

  private static Set<HttpString> notForwarded() {
    Set<HttpString> names =
        new HashSet<>(
            Set.of(
                Headers.HOST,
                Headers.AUTHORIZATION,
                ProxyExchange.INSTANCE_HEADER,
                StreamRescue.RESUME_HEADER,
                Headers.CONTENT_LENGTH,
                Headers.EXPECT));
    names.addAll(ForwardedHeaders.REPLACED);
    return Set.copyOf(names);
  }

  /** Whether the client's request has a body at all. */
  static boolean hasBody(HttpServerExchange exchange) {
    return exchange.getRequestContentLength() > 0
        || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }

  /** The request for {@code backend}, carrying {@code sent}. */
  static ClientRequest of(HttpServerExchange exchange, Backend backend, RequestBody sent) {
    ClientRequest request =
        new ClientRequest().setMethod(exchange.getRequestMethod()).setPath(pathAndQuery(exchange));
    HeaderMap headers = request.getRequestHeaders();
    Endpoint endpoint = backend.endpoint().orElseThrow();
    headers.put(Headers.HOST, endpoint.authority());
    if (!endpoint.bearerToken().isEmpty()) {
      headers.put(Headers.AUTHORIZATION, "Bearer " + endpoint.bearerToken().reveal());
    }
    ForwardedHeaders.set(exchange, headers);
    if (sent.inMemory() && sent.complete()) {
      headers.put(Headers.CONTENT_LENGTH, sent.length());
    } else if (exchange.getRequestContentLength() >= 0) {
      headers.put(Headers.CONTENT_LENGTH, exchange.getRequestContentLength());
    } else if (hasBody(exchange)) {
      headers.put(Headers.TRANSFER_ENCODING, Headers.CHUNKED.toString());
    }
    HopByHopHeaders.copy(exchange.getRequestHeaders(), headers, NOT_FORWARDED);
    return request;
  }

  private static String pathAndQuery(HttpServerExchange exchange) {
    String uri = exchange.getRequestURI();
    if (!uri.startsWith("/")) {
      int slash = uri.indexOf('/', uri.indexOf("://") + 3);
      uri = slash < 0 ? "/" : uri.substring(slash);
    }
    String query = exchange.getQueryString();
    return query.isEmpty() ? uri : uri + "?" + query;
  }
}
