package dev.vastproxy.bench.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.bench.client.Loopback;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerConfigTest {
  private final List<InetSocketAddress> engines = List.of(Loopback.port(7001), Loopback.port(7002));

  @Test
  void nginxStreamsWithUpstreamKeepaliveAndKeepsItsFilesInItsDirectory() {
    String config = NginxConfig.render(Path.of("/tmp/n"), 8080, engines, 2, 19000);

    assertThat(config)
        .contains("daemon off;")
        .contains("worker_processes 2;")
        .contains("worker_connections 19000;")
        .contains("worker_rlimit_nofile 20000;")
        .contains("pid /tmp/n/nginx.pid;")
        .contains("server 127.0.0.1:7001;")
        .contains("server 127.0.0.1:7002;")
        .contains("keepalive 1024;")
        .contains("proxy_buffering off;")
        .contains("proxy_http_version 1.1;")
        .contains("proxy_set_header Connection \"\";")
        .contains("listen 127.0.0.1:8080");
  }

  @Test
  void haproxyDoesNotHoldFlushes() {
    String config = HaproxyConfig.render(9090, engines, 1, 9500);

    assertThat(config)
        .contains("option http-no-delay")
        .contains("http-reuse always")
        .contains("nbthread 1")
        .contains("maxconn 9500")
        .contains("bind 127.0.0.1:9090")
        .contains("server engine1 127.0.0.1:7001")
        .contains("server engine2 127.0.0.1:7002");
  }

  @Test
  void missingProgramsAreSkippedWithAnInstallHint() {
    assertThat(new NginxKind(Optional.empty(), 1, 100).missing())
        .hasValueSatisfying(why -> assertThat(why).contains("apt-get install -y nginx"));
    assertThat(new HaproxyKind(Optional.empty(), 1, 100).missing())
        .hasValueSatisfying(why -> assertThat(why).contains("apt-get install -y haproxy"));
    assertThat(new NginxKind(Optional.of(Path.of("/usr/sbin/nginx")), 1, 100).missing()).isEmpty();
    assertThat(new HaproxyKind(Optional.of(Path.of("/usr/sbin/haproxy")), 1, 1).missing())
        .isEmpty();
    assertThat(new NginxKind(Optional.empty(), 1, 1).name()).isEqualTo("nginx");
    assertThat(new HaproxyKind(Optional.empty(), 1, 1).name()).isEqualTo("haproxy");
  }
}
