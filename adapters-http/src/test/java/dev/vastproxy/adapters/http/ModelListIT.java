package dev.vastproxy.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.adapters.http.engine.UndertowProbeAdapter;
import dev.vastproxy.adapters.http.upstream.BackendCall;
import dev.vastproxy.adapters.http.upstream.BackendTls;
import dev.vastproxy.application.port.out.ProbeResult;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.ModelCard;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.Reasons;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/models}: each engine's entry passed on as the health probe found it. */
class ModelListIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private ProxyHarness proxy;

  @AfterEach
  void stop() {
    proxy.close();
  }

  private JsonNode get(URI uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode proxyList() throws Exception {
    return get(proxy.uri("/v1/models"), "");
  }

  /** Probes an engine as the health service does and records what it listed. */
  private void probe(long id) throws Exception {
    UndertowProbeAdapter probes =
        new UndertowProbeAdapter(
            new BackendCall(proxy.connections, proxy.runtime.worker()),
            new BackendTls(),
            Duration.ofSeconds(5));
    Backend backend = proxy.backend(id);
    ProbeResult result =
        probes
            .probe(backend.id(), backend.endpoint().orElseThrow())
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    List<ModelCard> cards = ((ProbeResult.Healthy) result).models();
    proxy.fleet.updateBackend(new InstanceId(id), b -> b.markHealthy(cards, Instant.now()));
  }

  @Test
  void aVllmEntryComesBackAsTheEngineListsIt() throws Exception {
    proxy = ProxyHarness.builder(1).engines(e -> e.maxModelLen(40_960)).start();
    probe(101);

    JsonNode own = get(proxy.engine(101).baseUri().resolve("/v1/models"), ProxyHarness.token(101));
    JsonNode list = proxyList();

    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.get("data")).hasSize(1);
    assertThat(list.at("/data/0")).isEqualTo(own.at("/data/0"));
    assertThat(list.at("/data/0/max_model_len").asInt()).isEqualTo(40_960);
    assertThat(list.at("/data/0/owned_by").asText()).isEqualTo("vllm");
    assertThat(list.at("/data/0/permission")).hasSize(1);
  }

  @Test
  void aLlamaCppEntryKeepsItsMeta() throws Exception {
    proxy = ProxyHarness.builder(1).models("gemma.gguf").start();
    String entry =
        "{\"id\":\"gemma.gguf\",\"object\":\"model\",\"created\":1786003900,"
            + "\"owned_by\":\"llamacpp\",\"meta\":{\"n_ctx_train\":131072,\"n_ctx\":8192}}";
    proxy.fleet.updateBackend(
        new InstanceId(101),
        b -> b.markHealthy(List.of(new ModelCard("gemma.gguf", entry)), Instant.now()));

    JsonNode list = proxyList();

    assertThat(list.at("/data/0")).isEqualTo(JSON.readTree(entry));
    assertThat(list.at("/data/0/meta/n_ctx").asInt()).isEqualTo(8192);
  }

  @Test
  void whenEnginesDisagreeTheHealthyOneWithTheLowestIdWins() throws Exception {
    AtomicInteger started = new AtomicInteger();
    proxy =
        ProxyHarness.builder(3)
            .engines(e -> e.maxModelLen(1000 * started.incrementAndGet()))
            .start();
    probe(103);
    probe(102);
    probe(101);

    JsonNode fromAll = proxyList();
    proxy.fleet.updateBackend(
        new InstanceId(101), b -> b.markFailed(Instant.now(), Reasons.FAILED));
    JsonNode withoutTheFirst = proxyList();

    assertThat(fromAll.get("data")).hasSize(1);
    assertThat(fromAll.at("/data/0/max_model_len").asInt()).isEqualTo(1000);
    assertThat(withoutTheFirst.get("data")).hasSize(1);
    assertThat(withoutTheFirst.at("/data/0/max_model_len").asInt()).isEqualTo(2000);
  }

  @Test
  void modelsAreListedOnceEachSortedById() throws Exception {
    proxy = ProxyHarness.builder(3).models("zeta", "alpha", "zeta").start();

    JsonNode list = proxyList();

    assertThat(list.get("data")).hasSize(2);
    assertThat(list.at("/data/0/id").asText()).isEqualTo("alpha");
    assertThat(list.at("/data/1/id").asText()).isEqualTo("zeta");
  }
}
