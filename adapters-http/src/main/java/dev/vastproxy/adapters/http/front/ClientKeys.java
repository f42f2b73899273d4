package dev.vastproxy.adapters.http.front;

import dev.vastproxy.domain.instance.Secret;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;

/** The keys clients must present as {@code Authorization: Bearer <key>}; none means no check. */
public final class ClientKeys {
  private static final String BEARER = "Bearer ";
  private final List<Secret> keys;

  public ClientKeys(List<Secret> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Whether the request may pass: no keys configured, or one of them presented. */
  public boolean admits(HttpServerExchange exchange) {
    if (keys.isEmpty()) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    String presented = header.substring(BEARER.length()).strip();
    boolean matched = false;
    for (Secret key : keys) {
      // Compare with every key, in constant time each, so timing tells nothing.
      matched |= key.matches(presented);
    }
    return matched;
  }
}
