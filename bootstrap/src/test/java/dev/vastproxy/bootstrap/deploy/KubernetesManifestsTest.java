package dev.vastproxy.bootstrap.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: every object valid against the Kubernetes API schema (the API's own generated
 * models, which refuse unknown fields, missing required ones and wrong types), and the settings
 * that make replicas drain cleanly.
 */
class KubernetesManifestsTest {
  private static final Path DIR = DeployFiles.root().resolve("kubernetes");
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The kinds shipped, with their schema check. */
  private static final Map<String, SchemaCheck> SCHEMAS =
      Map.of(
          "apps/v1 Deployment", V1Deployment::validateJsonElement,
          "v1 Service", V1Service::validateJsonElement,
          "v1 Secret", V1Secret::validateJsonElement,
          "policy/v1 PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement);

  @FunctionalInterface
  interface SchemaCheck {
    void validate(JsonElement json) throws IOException;
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  private static Map<String, JsonNode> objects() throws IOException {
    Map<String, JsonNode> byKind = new HashMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : documents(file)) {
          byKind.put(doc.path("kind").asText(), doc);
        }
      }
    }
    return byKind;
  }

  private static void validate(JsonNode doc) throws IOException {
    String kind = doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
    SchemaCheck check = SCHEMAS.get(kind);
    if (check == null) {
      throw new AssertionError("no schema check for " + kind);
    }
    check.validate(JsonParser.parseString(JSON.writeValueAsString(doc)));
  }

  @Test
  void everyObjectIsValidAgainstTheKubernetesSchema() throws Exception {
    Map<String, JsonNode> objects = objects();
    objects.remove("Kustomization");

    assertThat(objects.keySet())
        .containsExactlyInAnyOrder("Deployment", "Service", "Secret", "PodDisruptionBudget");
    for (JsonNode doc : objects.values()) {
      validate(doc);
    }
  }

  @Test
  void theSchemaCheckCatchesMistakes() throws Exception {
    JsonNode deployment = objects().get("Deployment");
    JsonNode typo = deployment.deepCopy();
    ((ObjectNode) typo.path("spec")).put("replicaz", 2);
    JsonNode missing = deployment.deepCopy();
    ((ObjectNode) missing.path("spec")).remove("selector");
    JsonNode deep = deployment.deepCopy();
    ((ObjectNode) deep.at("/spec/template/spec/containers/0/readinessProbe")).put("pathh", "/");

    assertThatThrownBy(() -> validate(typo)).hasMessageContaining("replicaz");
    assertThatThrownBy(() -> validate(missing)).hasMessageContaining("selector");
    assertThatThrownBy(() -> validate(deep)).hasMessageContaining("pathh");
  }

  @Test
  void replicasDrainBeforeTheyAreKilled() throws Exception {
    Map<String, JsonNode> objects = objects();
    JsonNode spec = objects.get("Deployment").path("spec");
    JsonNode pod = spec.path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    Map<String, String> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));

    assertThat(spec.path("replicas").asInt()).isEqualTo(2);
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    JsonNode preStop = container.at("/lifecycle/preStop/exec/command");
    assertThat(preStop.get(0).asText()).isEqualTo("sleep");
    Duration stopping =
        Duration.ofSeconds(preStop.get(1).asLong())
            .plus(Duration.parse("PT" + env.get("VASTPROXY_DRAIN_DELAY").toUpperCase()))
            .plus(Duration.parse("PT" + env.get("VASTPROXY_SHUTDOWN_GRACE").toUpperCase()));
    assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong()))
        .isGreaterThan(stopping);
    assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
    assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
    assertThat(objects.get("PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(objects.get("Service").at("/spec/selector"))
        .isEqualTo(spec.path("selector").path("matchLabels"));
    // The keys come from the Secret, never from the manifest itself.
    for (JsonNode e : container.path("env")) {
      if (e.path("name").asText().matches("VAST_API_KEY|VASTPROXY_API_KEYS")) {
        assertThat(e.at("/valueFrom/secretKeyRef/name").asText())
            .isEqualTo(objects.get("Secret").at("/metadata/name").asText());
      }
    }
  }
}
