package dev.vastproxy.domain.endpoint;

import dev.vastproxy.domain.instance.PortNumber;
import dev.vastproxy.domain.instance.Secret;
import java.util.Objects;

/**
 * Where an instance's inference server answers, and the bearer token it wants.
 *
 * @param scheme HTTP, or HTTPS once the instance redirected there
 * @param host an IP address or host name
 * @param port the TCP port
 * @param bearerToken sent as {@code Authorization: Bearer} on every request
 */
public record Endpoint(Scheme scheme, String host, int port, Secret bearerToken) {

  public Endpoint {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(bearerToken, "bearerToken");
    if (!isValidHost(host)) {
      throw new IllegalArgumentException("host must be a name or address without spaces");
    }
    PortNumber.require(port, "port");
  }

  /** Whether the text can be a host: not blank, no whitespace, no URI delimiters. */
  public static boolean isValidHost(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (Character.isWhitespace(c) || c == '/' || c == '?' || c == '#' || c == '@') {
        return false;
      }
    }
    return true;
  }

  /** {@code host:port}, with an IPv6 address in brackets. */
  public String authority() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code scheme://host:port}, without a trailing slash. */
  public String baseUri() {
    return scheme.text() + "://" + authority();
  }

  /** The same endpoint spoken to with another scheme. */
  public Endpoint withScheme(Scheme newScheme) {
    return newScheme == scheme ? this : new Endpoint(newScheme, host, port, bearerToken);
  }

  /** Whether both reach the same server the same way, whatever the token. */
  public boolean sameAddress(Endpoint other) {
    return scheme == other.scheme && port == other.port && host.equals(other.host);
  }

  @Override
  public String toString() {
    return baseUri();
  }
}
