package dev.vastproxy.bench.targets;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * An HAProxy configuration for a streaming proxy done right: {@code option http-no-delay} (without
 * it HAProxy holds each SSE flush for up to 200 ms) and backend connection reuse.
 */
final class HaproxyConfig {
  private HaproxyConfig() {}

  /**
   * The configuration text.
   *
   * @param maxConnections client connections allowed at once (each also takes a backend socket)
   */
  static String render(int port, List<InetSocketAddress> engines, int threads, int maxConnections) {
    StringBuilder servers = new StringBuilder();
    for (int i = 0; i < engines.size(); i++) {
      servers
          .append("  server engine")
          .append(i + 1)
          .append(" 127.0.0.1:")
          .append(engines.get(i).getPort())
          .append('\n');
    }
    return """
        global
          maxconn %d
          nbthread %d
        defaults
          mode http
          timeout connect 5s
          timeout client 600s
          timeout server 600s
          timeout http-request 10s
          timeout http-keep-alive 60s
          option http-no-delay
          http-reuse always
        frontend bench
          bind 127.0.0.1:%d
          maxconn %d
          default_backend engines
        backend engines
          balance roundrobin
        %s"""
        .formatted(maxConnections, threads, port, maxConnections, servers);
  }
}
