package dev.vastproxy.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.bootstrap.config.ConfigLoader;
import dev.vastproxy.bootstrap.config.LaunchRequest;
import dev.vastproxy.bootstrap.config.ListenAddress;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.bootstrap.demo.DemoSshKey;
import dev.vastproxy.bootstrap.runtime.VastProxyServer;
import dev.vastproxy.bootstrap.wiring.DaggerVastProxyComponent;
import dev.vastproxy.bootstrap.wiring.VastProxyComponent;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Endpoint;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.ssh.FakeSshHost;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the ssh-tunnel transport, a streamed completion goes proxy → SSH tunnel → engine. */
class SshTunnelIT {
  private static final String KEY = "vast-key-tunnel-test";
  private static final String TOKEN = "jupyter-token-tunnel";

  @TempDir Path home;

  @Test
  void aStreamedCompletionArrivesThroughTheTunnel() throws Exception {
    try (FakeVastApi vast = FakeVastApi.start(KEY);
        FakeEngine engine =
            FakeEngine.builder()
                .model("Qwen/Qwen3-8B")
                .bearerToken(TOKEN)
                .timing(Duration.ofMillis(20), Duration.ofMillis(20), 10)
                .start();
        FakeSshHost ssh = FakeSshHost.start(() -> "0, 10, 40, 1000, 24564\n")) {
      // The engine publishes no HTTP port at all: only SSH reaches it.
      vast.putInstance(
          FakeVastInstance.running(2001)
              .vllm("Qwen/Qwen3-8B")
              .env("VLLM_ARGS", "--host 127.0.0.1 --port " + engine.port())
              .noPorts()
              .port(22, ssh.port())
              .ssh("127.0.0.1", ssh.port())
              .jupyterToken(TOKEN));
      Path key = Files.createDirectories(home.resolve(".ssh")).resolve("id_rsa");
      VastProxyConfig config =
          ((LaunchRequest.Run)
                  new ConfigLoader(Map.of("VAST_API_KEY", KEY), home, home)
                      .load(
                          "--headless",
                          "--transport",
                          "ssh-tunnel",
                          "--poll-interval",
                          "1s",
                          "--health-interval",
                          "1s"))
              .config()
              .withSimulatedAccount(
                  vast.baseUri(),
                  Secret.of(KEY),
                  List.of(DemoSshKey.write(key)),
                  home.resolve("known_hosts"))
              .withListen(new ListenAddress("127.0.0.1", 0, true));
      VastProxyComponent component =
          DaggerVastProxyComponent.factory().create(config, Clock.systemUTC());
      VastProxyServer server = component.server();
      InetSocketAddress address = server.start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy(component).isPresent());
        Endpoint tunnel = healthy(component).get().endpoint().orElseThrow();

        HttpResponse<String> stream =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:" + address.getPort() + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"stream\":true,\"messages\":[]}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());

        assertThat(tunnel.host()).isEqualTo("127.0.0.1");
        assertThat(tunnel.port()).isNotEqualTo(engine.port());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
        assertThat(ssh.forwardsOpened()).isPositive();
        assertThat(engine.requests().get(engine.requests().size() - 1).header("Authorization"))
            .contains("Bearer " + TOKEN);
      } finally {
        server.stop(Duration.ofSeconds(5));
      }
    }
  }

  private static Optional<Backend> healthy(VastProxyComponent component) {
    return component.observeFleet().observeFleet().fleet().backends().stream()
        .filter(backend -> backend.state() == BackendState.HEALTHY)
        .findFirst();
  }
}
