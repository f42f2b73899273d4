package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a proxy with traffic and answers, through its HTTP API, a rate, a
 * histogram quantile and a per-instance gauge; it loads the alert rules, and every dashboard query
 * runs. Tagged {@code prometheus}: skipped where no {@code prometheus} binary is installed
 * (Debian's package; {@code .ci/run} installs it), or with {@code -DexcludedGroups=prometheus}.
 */
@Tag("prometheus")
class PrometheusServerIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void prometheusScrapesTheProxyAndAnswersTheOperatorsQueries() throws Exception {
    assumeTrue(Promtool.find("prometheus").isPresent(), () -> "prometheus " + Promtool.MISSING);
    AtomicBoolean busy = new AtomicBoolean(true);
    try (BusyProxy proxy = new BusyProxy()) {
      int port = freePort();
      Process prometheus = startPrometheus(proxy.uri("/metrics"), port);
      Thread traffic = new Thread(() -> keepBusy(proxy, busy), "traffic");
      try {
        traffic.start();
        URI api = URI.create("http://127.0.0.1:" + port);
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> get(api.resolve("/-/ready")).statusCode() == 200);

        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> value(api, "sum(rate(vastproxy_requests_total[30s]))") > 0);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    value(
                            api,
                            "histogram_quantile(0.9, sum by (le)"
                                + " (rate(vastproxy_time_to_first_token_seconds_bucket[30s])))")
                        > 0);
        JsonNode up = query(api, "vastproxy_backend_up");
        assertThat(up.path("data").path("result")).hasSize(3);
        assertThat(up.at("/data/result/0/metric/backend").asText()).isIn("101", "102", "103");

        for (String panel : DeployFiles.dashboardQueries()) {
          JsonNode answer = query(api, DeployFiles.resolved(panel));
          assertThat(answer.path("status").asText()).as(panel).isEqualTo("success");
        }
        JsonNode rules = json.readTree(get(api.resolve("/api/v1/rules")).body());
        assertThat(rules.at("/data/groups/0/rules")).hasSize(DeployFiles.alertRuleCount());
      } finally {
        busy.set(false);
        traffic.join(30_000);
        prometheus.destroy();
        prometheus.waitFor();
      }
    }
  }

  private Process startPrometheus(URI metrics, int port) throws IOException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n"
            + "  scrape_interval: 1s\n"
            + "  evaluation_interval: 1s\n"
            + "rule_files:\n"
            + "  - "
            + DeployFiles.DEPLOY.resolve("prometheus").resolve("alerts.yml")
            + "\n"
            + "scrape_configs:\n"
            + "  - job_name: vastproxy\n"
            + "    metrics_path: "
            + metrics.getPath()
            + "\n"
            + "    static_configs:\n"
            + "      - targets: ['"
            + metrics.getAuthority()
            + "']\n");
    return new ProcessBuilder(
            Promtool.find("prometheus").orElseThrow().toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
  }

  private static void keepBusy(BusyProxy proxy, AtomicBoolean busy) {
    while (busy.get()) {
      try {
        proxy.traffic(1);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        return;
      }
    }
  }

  private double value(URI api, String promql) throws Exception {
    JsonNode result = query(api, promql).path("data").path("result");
    if (result.isEmpty()) {
      return Double.NaN;
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  private JsonNode query(URI api, String promql) throws Exception {
    String encoded = URLEncoder.encode(promql, StandardCharsets.UTF_8);
    return json.readTree(get(api.resolve("/api/v1/query?query=" + encoded)).body());
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
