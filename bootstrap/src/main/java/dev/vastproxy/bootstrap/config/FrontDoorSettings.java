package dev.vastproxy.bootstrap.config;

import dev.vastproxy.domain.instance.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where clients connect and what they must present.
 *
 * @param listen where the proxy listens
 * @param clientApiKeys keys clients must present; empty means no check
 * @param headerTimeout the time a client has to finish sending its request headers
 * @param keepAliveIdle the time a client connection may be idle between requests
 * @param allowUnauthenticated whether a non-loopback listener may run without client keys
 */
public record FrontDoorSettings(
    ListenAddress listen,
    List<Secret> clientApiKeys,
    Duration headerTimeout,
    Duration keepAliveIdle,
    boolean allowUnauthenticated) {
  public FrontDoorSettings {
    Objects.requireNonNull(listen, "listen");
    clientApiKeys = List.copyOf(clientApiKeys);
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(keepAliveIdle, "keepAliveIdle");
  }

  /** The same settings listening elsewhere. */
  public FrontDoorSettings withListen(ListenAddress address) {
    return new FrontDoorSettings(
        address, clientApiKeys, headerTimeout, keepAliveIdle, allowUnauthenticated);
  }

  /** Reads the front door's settings; refuses an open listener without keys unless allowed. */
  static FrontDoorSettings read(SettingValues values, boolean allowUnauthenticated)
      throws ConfigException {
    ListenAddress listen = listenAddress(values.text(Setting.LISTEN_ADDR));
    List<Secret> clientKeys = clientKeys(values.text(Setting.API_KEYS));
    if (!listen.loopback() && clientKeys.isEmpty() && !allowUnauthenticated) {
      throw new ConfigException(
          "LISTEN_ADDR "
              + values.text(Setting.LISTEN_ADDR)
              + " accepts connections from other machines but VASTPROXY_API_KEYS is empty: set"
              + " client keys in VASTPROXY_API_KEYS, listen on 127.0.0.1, or pass"
              + " --allow-unauthenticated to hand out GPU time to anyone who can connect");
    }
    return new FrontDoorSettings(
        listen,
        clientKeys,
        values.clientTimeout(Setting.HEADER_TIMEOUT),
        values.clientTimeout(Setting.KEEPALIVE_IDLE),
        allowUnauthenticated);
  }

  private static ListenAddress listenAddress(String text) throws ConfigException {
    try {
      return ListenAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "LISTEN_ADDR="
              + text
              + " is not an address: "
              + e.getMessage()
              + " (use host:port such as 127.0.0.1:8080, or :8080 for all interfaces)");
    }
  }

  private static List<Secret> clientKeys(String text) throws ConfigException {
    List<Secret> keys = new ArrayList<>();
    for (String key : text.split(",")) {
      String trimmed = key.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.chars().anyMatch(Character::isWhitespace)) {
        throw new ConfigException(
            "VASTPROXY_API_KEYS holds a key with a space in it: separate keys with commas only");
      }
      keys.add(Secret.of(trimmed));
    }
    return keys;
  }
}
