package dev.vastproxy.adapters.vastai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vastproxy.domain.instance.Secret;
import dev.vastproxy.domain.testing.Fixtures;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * Test helpers: a loopback WireMock, fast tuning, and instance rows and pages from the fixtures.
 */
final class VastAiTestSupport {
  /** A made-up key; tests check that it never shows up where it must not. */
  static final String KEY = "sk-test-7f3a9c1e5b";

  static final String LIST_PATH = "/api/v1/instances/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private VastAiTestSupport() {}

  /** WireMock on 127.0.0.1, a random port. */
  static WireMockExtension wireMock() {
    return WireMockExtension.newInstance()
        .options(WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
        .build();
  }

  /** Short timeouts and backoffs so tests run fast; 2 retries. */
  static VastAiTuning fastTuning() {
    return fastTuning(2, Duration.ofMillis(500));
  }

  static VastAiTuning fastTuning(int retries, Duration requestTimeout) {
    return new VastAiTuning(
        requestTimeout,
        Duration.ofMillis(500),
        retries,
        Duration.ofMillis(1),
        Duration.ofMillis(5),
        Duration.ofMillis(1),
        Duration.ofMillis(1),
        Duration.ofSeconds(2));
  }

  static VastAiConnection connection(WireMockExtension wireMock) {
    return connection(wireMock, fastTuning());
  }

  static VastAiConnection connection(WireMockExtension wireMock, VastAiTuning tuning) {
    return new VastAiConnection(
        URI.create("http://127.0.0.1:" + wireMock.getPort()), Secret.of(KEY), tuning);
  }

  /** The running vLLM fixture row, with another id. */
  static ObjectNode row(long id) {
    ObjectNode row = (ObjectNode) read(Fixtures.read("vastai/instance_vllm_running.json"));
    row.put("id", id);
    return row;
  }

  /** A list page holding the given rows. */
  static String page(String nextToken, JsonNode... rows) {
    ObjectNode page = JSON.createObjectNode();
    page.put("success", true);
    page.put("instances_found", rows.length);
    if (nextToken == null) {
      page.putNull("next_token");
    } else {
      page.put("next_token", nextToken);
    }
    ArrayNode instances = page.putArray("instances");
    for (JsonNode row : rows) {
      instances.add(row);
    }
    return page.toString();
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
