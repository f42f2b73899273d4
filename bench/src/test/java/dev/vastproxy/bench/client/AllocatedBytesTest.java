package dev.vastproxy.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AllocatedBytesTest {
  @Test
  void readsTheCounterFromAPrometheusExposition() {
    assertThat(
            AllocatedBytes.value(
                "# HELP jvm_allocated_bytes_total Heap\n"
                    + "# TYPE jvm_allocated_bytes_total counter\n"
                    + "jvm_allocated_bytes_total{replica=\"a\"} 1.5E9\n"
                    + "jvm_allocated_bytes_totally 7\n"))
        .hasValue(1.5e9);
    assertThat(AllocatedBytes.value("process_cpu_seconds_total 3\n")).isEmpty();
  }

  @Test
  void readsItOverHttpAndIsEmptyWhereThereIsNone() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = "jvm_allocated_bytes_total 123456.0\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      InetSocketAddress address = server.getAddress();
      assertThat(AllocatedBytes.read(address)).hasValue(123456.0);
      server.removeContext("/metrics");
      assertThat(AllocatedBytes.read(address)).isEmpty();
    } finally {
      server.stop(0);
    }
  }
}
