package dev.vastproxy.adapters.http.upstream;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * The forwarding headers an engine receives. The proxy is the edge: what a client claims about
 * earlier hops cannot be trusted, so every such header it sent is dropped and the proxy's own view
 * is set, the same in the de-facto {@code X-Forwarded-*} headers and in RFC 7239's {@code
 * Forwarded}.
 */
public final class ForwardedHeaders {
  /** Headers a client's request never carries to an engine as they came. */
  public static final Set<HttpString> REPLACED =
      Set.of(
          Headers.FORWARDED,
          Headers.X_FORWARDED_FOR,
          Headers.X_FORWARDED_PROTO,
          Headers.X_FORWARDED_HOST,
          Headers.X_FORWARDED_PORT,
          Headers.X_FORWARDED_SERVER,
          new HttpString("X-Real-IP"));

  private ForwardedHeaders() {}

  /** Sets the forwarding headers of a request to an engine from the client's exchange. */
  public static void set(HttpServerExchange exchange, HeaderMap headers) {
    String proto = exchange.getRequestScheme();
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    // Sized for an IPv6 client and a host name: one array, not three growing ones, per request.
    StringBuilder forwarded = new StringBuilder(96);
    InetSocketAddress client = exchange.getSourceAddress();
    InetAddress address = client == null ? null : client.getAddress();
    if (address != null) {
      String text = address.getHostAddress();
      headers.put(Headers.X_FORWARDED_FOR, text);
      forwarded.append("for=");
      if (address instanceof Inet6Address) {
        forwarded.append("\"[").append(text).append("]\"");
      } else {
        forwarded.append(text);
      }
      forwarded.append(';');
    }
    headers.put(Headers.X_FORWARDED_PROTO, proto);
    forwarded.append("proto=").append(proto);
    if (host != null && !host.isEmpty() && isToken(host)) {
      headers.put(Headers.X_FORWARDED_HOST, host);
      forwarded.append(";host=\"").append(host).append('"');
    }
    headers.put(Headers.FORWARDED, forwarded.toString());
  }

  /** Host values that may go in a quoted string unchanged: no quotes, controls or spaces. */
  private static boolean isToken(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '"' || c == '\\' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
