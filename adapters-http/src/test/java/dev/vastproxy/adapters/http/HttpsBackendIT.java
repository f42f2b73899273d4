package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.domain.backend.BackendState;
import dev.vastproxy.domain.endpoint.Scheme;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.simulator.engine.TlsIdentity;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Proxied traffic to instances that speak HTTPS with a pinned, self-signed certificate. */
class HttpsBackendIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private HttpResponse<String> chat(String pin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(proxy.uri("/v1/chat/completions"))
            .header("Content-Type", "application/json")
            .header("X-VastProxy-Instance", pin)
            .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void streamsOverTlsAndRefusesAChangedCertificate() throws Exception {
    proxy =
        ProxyHarness.builder(2)
            .engines(e -> e.tls(TlsIdentity.A).timing(Duration.ZERO, Duration.ofMillis(1), 3))
            .start();
    for (long id : new long[] {101, 102}) {
      proxy.fleet.updateBackend(
          new InstanceId(id),
          b -> b.withEndpoint(b.endpoint().map(e -> e.withScheme(Scheme.HTTPS))));
    }

    HttpResponse<String> overTls = chat("101");
    proxy.engine(101).setTlsIdentity(TlsIdentity.B);
    proxy.connections.close();
    HttpResponse<String> afterChange = chat("101");

    assertThat(overTls.statusCode()).isEqualTo(200);
    assertThat(overTls.body()).endsWith("data: [DONE]\n\n");
    assertThat(overTls.headers().firstValue("X-VastProxy-Instance")).contains("101");
    assertThat(afterChange.statusCode()).isEqualTo(200);
    assertThat(afterChange.headers().firstValue("X-VastProxy-Instance")).contains("102");
    assertThat(proxy.backend(101).state()).isEqualTo(BackendState.UNHEALTHY);
  }
}
