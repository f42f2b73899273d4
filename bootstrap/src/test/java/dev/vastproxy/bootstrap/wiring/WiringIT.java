package dev.vastproxy.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.adapters.tui.CardRenderer;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.bootstrap.config.ConfigLoader;
import dev.vastproxy.bootstrap.config.LaunchRequest;
import dev.vastproxy.bootstrap.config.ListenAddress;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.bootstrap.demo.DemoFleet;
import dev.vastproxy.bootstrap.runtime.VastProxyServer;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.fleet.InstanceAlert;
import dev.vastproxy.domain.instance.InstanceId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dagger component wires the real adapters; the demo fleet behind them comes up healthy. */
class WiringIT {
  @TempDir Path home;

  @Test
  void theDemoFleetComesUpThroughTheRealAdapters() throws Exception {
    try (DemoFleet demo = DemoFleet.start()) {
      VastProxyConfig config =
          ((LaunchRequest.Run)
                  new ConfigLoader(Map.of(), home, home)
                      .load(
                          "--demo",
                          "--headless",
                          "--poll-interval",
                          "1s",
                          "--health-interval",
                          "1s"))
              .config()
              .withSimulatedAccount(
                  demo.apiUrl(), demo.apiKey(), List.of(demo.sshKey()), demo.knownHosts())
              .withListen(new ListenAddress("127.0.0.1", 0, true));
      VastProxyComponent component =
          DaggerVastProxyComponent.factory().create(config, Clock.systemUTC());
      VastProxyServer server = component.server();
      InetSocketAddress address = server.start();
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  FleetView view = component.observeFleet().observeFleet();
                  List<Backend> backends = view.fleet().backends();
                  // Four inference instances and the training box, which never serves.
                  return backends.size() == 5
                      && backends.stream().filter(b -> b.state() == BackendState.HEALTHY).count()
                          >= 3;
                });
        FleetView view = component.observeFleet().observeFleet();
        var box = view.guard().of(new InstanceId(31814300)).orElseThrow();
        assertThat(box.actionable()).isFalse();
        assertThat(box.alerts()).containsExactly(InstanceAlert.EXPIRING);
        assertThat(view.guard().idleAction()).isEqualTo(IdleAction.STOP);
        HttpResponse<String> models =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + address.getPort() + "/v1/models"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(models.body()).contains("Qwen/Qwen3-8B", "QuantTrio/Qwen3-VL-32B-Thinking-AWQ");
        servedTokensShowOnTheCard(component, address);
        assertThat(component.abortAll().abortAll().toCompletableFuture().get())
            .isNotEmpty()
            .allSatisfy(result -> assertThat(result.outcome().success()).isTrue());
      } finally {
        server.stop(Duration.ofSeconds(5));
      }
    }
  }

  /**
   * A stream without usage through the demo fleet: its instance's card shows the estimated tokens
   * and their price, as does the status API.
   */
  private static void servedTokensShowOnTheCard(
      VastProxyComponent component, InetSocketAddress address) throws Exception {
    URI base = URI.create("http://127.0.0.1:" + address.getPort());
    HttpResponse<String> stream =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve("/v1/chat/completions?n=6&delay_ms=1"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"Qwen/Qwen3-8B\",\"stream\":true,\"messages\":[]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(stream.statusCode()).isEqualTo(200);
    InstanceId served =
        InstanceId.parse(stream.headers().firstValue("X-VastProxy-Instance").orElseThrow())
            .orElseThrow();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                component
                        .observeFleet()
                        .observeFleet()
                        .fleet()
                        .backend(served)
                        .orElseThrow()
                        .load()
                        .tokens()
                        .tally()
                        .completionEstimate()
                    == 6);
    FleetView view = component.observeFleet().observeFleet();
    Backend backend = view.fleet().backend(served).orElseThrow();
    assertThat(CardRenderer.render(backend, view.at()).text())
        .contains("tok 0 in ~6 out  $")
        .contains("/Mtok");
    HttpResponse<String> status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve("/vastproxy/status")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(status.body()).contains("\"estimated_tokens\":6");
  }
}
