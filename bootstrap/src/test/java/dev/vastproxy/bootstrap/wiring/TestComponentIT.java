package dev.vastproxy.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastproxy.bootstrap.config.ConfigLoader;
import dev.vastproxy.bootstrap.config.LaunchRequest;
import dev.vastproxy.bootstrap.config.ListenAddress;
import dev.vastproxy.bootstrap.config.VastProxyConfig;
import dev.vastproxy.bootstrap.runtime.VastProxyServer;
import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.simulator.engine.FakeEngine;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test component swaps the vast.ai and SSH adapters; the rest of the product runs for real. */
class TestComponentIT {
  @TempDir Path home;

  @Test
  void servesAnEngineListedByAnInMemoryAccount() throws Exception {
    VastProxyConfig config =
        ((LaunchRequest.Run)
                new ConfigLoader(Map.of("VAST_API_KEY", "unused"), home, home)
                    .load("--headless", "--poll-interval", "1s", "--health-interval", "1s"))
            .config()
            .withListen(new ListenAddress("127.0.0.1", 0, true));
    TestVastProxyComponent component =
        DaggerTestVastProxyComponent.factory().create(config, Clock.systemUTC());
    try (FakeEngine engine = FakeEngine.builder().model("m").bearerToken("t").start()) {
      component
          .account()
          .put(
              Instance.builder(7)
                  .running()
                  .address("127.0.0.1")
                  .portMapping(8000, engine.port())
                  .env("VLLM_MODEL", "m")
                  .token("t")
                  .build());
      VastProxyServer server = component.server();
      InetSocketAddress address = server.start();
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    component.observeFleet().observeFleet().fleet().backends().stream()
                        .anyMatch(b -> b.state() == BackendState.HEALTHY));
        HttpResponse<String> answer =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + address.getPort() + "/v1/completions"))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"m\",\"prompt\":\"x\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-VastProxy-Instance")).contains("7");
        await().until(() -> component.account().labelCalls().contains("7=proxied"));
      } finally {
        server.stop(Duration.ofSeconds(5));
      }
      assertThat(component.account().labelCalls()).containsExactly("7=proxied", "7=");
    }
  }
}
