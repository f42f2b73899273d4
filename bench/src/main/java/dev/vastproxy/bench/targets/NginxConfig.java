package dev.vastproxy.bench.targets;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * An nginx configuration for a streaming proxy done right: upstream keepalive, response buffering
 * off, everything (pid, logs, temp files) inside one directory, no daemon.
 */
final class NginxConfig {
  private NginxConfig() {}

  /**
   * The configuration text.
   *
   * @param connections worker_connections: client and upstream sockets both count
   */
  static String render(
      Path dir, int port, List<InetSocketAddress> engines, int workers, int connections) {
    StringBuilder servers = new StringBuilder();
    for (InetSocketAddress engine : engines) {
      servers.append("    server 127.0.0.1:").append(engine.getPort()).append(";\n");
    }
    return """
        daemon off;
        master_process on;
        worker_processes %d;
        worker_rlimit_nofile %d;
        pid %s/nginx.pid;
        error_log %s/error.log warn;
        events {
          worker_connections %d;
        }
        http {
          access_log off;
          client_body_temp_path %s/client_body;
          proxy_temp_path %s/proxy_temp;
          fastcgi_temp_path %s/fastcgi_temp;
          uwsgi_temp_path %s/uwsgi_temp;
          scgi_temp_path %s/scgi_temp;
          keepalive_requests 1000000;
          upstream engines {
        %s    keepalive 1024;
            keepalive_requests 1000000;
          }
          server {
            listen 127.0.0.1:%d backlog=4096;
            location / {
              proxy_pass http://engines;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_buffering off;
              proxy_read_timeout 600s;
              proxy_send_timeout 600s;
            }
          }
        }
        """
        .formatted(
            workers,
            connections + 1000,
            dir,
            dir,
            connections,
            dir,
            dir,
            dir,
            dir,
            dir,
            servers,
            port);
  }
}
