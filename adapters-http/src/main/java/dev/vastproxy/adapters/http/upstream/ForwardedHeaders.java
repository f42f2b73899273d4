package dev.vastproxy.adapters.http.upstream;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
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

  /** The client's part of the headers, worked out once per client connection. */
  private static final AttachmentKey<ClientAddress> CLIENT =
      AttachmentKey.create(ClientAddress.class);

  /** Sets the forwarding headers of a request to an engine from the client's exchange. */
  public static void set(HttpServerExchange exchange, HeaderMap headers) {
    String proto = exchange.getRequestScheme();
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    ClientAddress client = clientOf(exchange);
    // Sized for an IPv6 client and a host name: one array, not three growing ones, per request.
    StringBuilder forwarded = new StringBuilder(96).append(client.forwardedFor());
    client.text().ifPresent(text -> headers.put(Headers.X_FORWARDED_FOR, text));
    headers.put(Headers.X_FORWARDED_PROTO, proto);
    forwarded.append("proto=").append(proto);
    if (host != null && !host.isEmpty() && isToken(host)) {
      headers.put(Headers.X_FORWARDED_HOST, host);
      forwarded.append(";host=\"").append(host).append('"');
    }
    headers.put(Headers.FORWARDED, forwarded.toString());
  }

  /**
   * The client's address, kept on its connection: every request of a kept-alive connection comes
   * from the same peer, and asking the socket and formatting the address cost each request.
   */
  private static ClientAddress clientOf(HttpServerExchange exchange) {
    ServerConnection connection = exchange.getConnection();
    ClientAddress client = connection.getAttachment(CLIENT);
    if (client == null) {
      client = ClientAddress.of(exchange.getSourceAddress());
      connection.putAttachment(CLIENT, client);
    }
    return client;
  }

  /**
   * A client's address as {@code X-Forwarded-For} gives it, and as the start of {@code Forwarded}
   * ({@code for=…;}, or nothing when the address is unknown).
   */
  private record ClientAddress(Optional<String> text, String forwardedFor) {
    static ClientAddress of(InetSocketAddress socket) {
      InetAddress address = socket == null ? null : socket.getAddress();
      if (address == null) {
        return new ClientAddress(Optional.empty(), "");
      }
      String text = address.getHostAddress();
      return new ClientAddress(
          Optional.of(text),
          address instanceof Inet6Address ? "for=\"[" + text + "]\";" : "for=" + text + ";");
    }
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
