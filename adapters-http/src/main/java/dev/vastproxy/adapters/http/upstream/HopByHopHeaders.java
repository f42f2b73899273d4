package dev.vastproxy.adapters.http.upstream;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.HashSet;
import java.util.Set;

/**
 * Copies headers between the client and backend sides of an exchange, leaving out the hop-by-hop
 * ones (RFC 9110 §7.6.1) and any named in {@code Connection}, which belong to one connection only.
 */
public final class HopByHopHeaders {
  private static final Set<HttpString> HOP_BY_HOP =
      Set.of(
          Headers.CONNECTION,
          new HttpString("Keep-Alive"),
          Headers.PROXY_AUTHENTICATE,
          Headers.PROXY_AUTHORIZATION,
          Headers.TE,
          Headers.TRAILER,
          Headers.TRANSFER_ENCODING,
          Headers.UPGRADE,
          new HttpString("Proxy-Connection"));

  private HopByHopHeaders() {}

  /**
   * Copies every end-to-end header of {@code from} into {@code to}, except those in {@code
   * skipped}; a header already present in {@code to} keeps its value.
   */
  public static void copy(HeaderMap from, HeaderMap to, Set<HttpString> skipped) {
    Set<HttpString> named = namedInConnection(from);
    for (HeaderValues values : from) {
      HttpString name = values.getHeaderName();
      if (HOP_BY_HOP.contains(name)
          || skipped.contains(name)
          || named.contains(name)
          || to.contains(name)) {
        continue;
      }
      to.addAll(name, values);
    }
  }

  private static Set<HttpString> namedInConnection(HeaderMap headers) {
    HeaderValues connection = headers.get(Headers.CONNECTION);
    if (connection == null) {
      return Set.of();
    }
    Set<HttpString> named = Set.of();
    for (String value : connection) {
      int start = 0;
      while (start <= value.length()) {
        int comma = value.indexOf(',', start);
        int end = comma < 0 ? value.length() : comma;
        String token = value.substring(start, end).strip();
        // "keep-alive" and "close" (nearly every Connection header) name nothing to drop.
        if (!token.isEmpty()
            && !token.equalsIgnoreCase("keep-alive")
            && !token.equalsIgnoreCase("close")) {
          if (named.isEmpty()) {
            named = new HashSet<>();
          }
          named.add(new HttpString(token));
        }
        start = end + 1;
      }
    }
    return named;
  }
}
