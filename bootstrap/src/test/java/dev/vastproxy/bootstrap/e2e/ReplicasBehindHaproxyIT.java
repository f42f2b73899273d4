package dev.vastproxy.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vastproxy.bootstrap.deploy.DeployFiles;
import dev.vastproxy.simulator.engine.EngineKind;
import dev.vastproxy.simulator.engine.FakeEngine;
import dev.vastproxy.simulator.vastai.FakeVastApi;
import dev.vastproxy.simulator.vastai.FakeVastInstance;
import dev.vastproxy.simulator.vastai.LabelCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the jar behind HAProxy, run with deploy/haproxy/haproxy.cfg itself, under
 * streaming load. SIGTERM to one: no request fails, its {@code /readyz} is 503 while it drains, and
 * the vast.ai labels it clears on the way out are back within a poll. Then kill -9 of one: only the
 * streams it was serving break, and new requests keep succeeding. Skipped where HAProxy is not
 * installed ({@code apt-get install haproxy}).
 */
class ReplicasBehindHaproxyIT {
  private static final String KEY = "vast-key-for-the-replicas-test";
  private static final String TOKEN = "jupyter-token-replicas-0123456789";
  private static final Duration DRAIN_DELAY = Duration.ofSeconds(4);

  @TempDir Path scratch;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<FakeEngine> engines = new ArrayList<>();
  private final List<ProxyProcess> replicas = new ArrayList<>();
  private FakeVastApi vast;
  private Process haproxy;
  private int front;
  private int stats;

  @BeforeEach
  void simulatedAccount() {
    vast = FakeVastApi.start(KEY);
    for (long id : List.of(3001L, 3002L)) {
      FakeEngine engine =
          FakeEngine.builder()
              .kind(EngineKind.VLLM)
              .model("m")
              .bearerToken(TOKEN)
              .timing(Duration.ofMillis(20), Duration.ofMillis(40), 20)
              .start();
      engines.add(engine);
      vast.putInstance(
          FakeVastInstance.running(id).vllm("m").servedOn(engine.port()).jupyterToken(TOKEN));
    }
  }

  @AfterEach
  void stop() {
    if (haproxy != null) {
      haproxy.destroyForcibly();
    }
    replicas.forEach(ProxyProcess::close);
    engines.forEach(FakeEngine::close);
    vast.close();
  }

  private ProxyProcess startReplica(String name, int port) throws Exception {
    Path home = Files.createDirectories(scratch.resolve(name + "-" + replicas.size()));
    ProxyProcess replica =
        ProxyProcess.startAgainst(
            home,
            port,
            KEY,
            vast.baseUri(),
            "--replica",
            name,
            "--drain-delay",
            DRAIN_DELAY.toMillis() + "ms",
            "--shutdown-grace",
            "20s");
    replicas.add(replica);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> get(replica.uri("/readyz")).statusCode() == 200);
    return replica;
  }

  private void startHaproxy(int portA, int portB) throws Exception {
    Path binary = DeployFiles.program("haproxy").orElseThrow();
    front = ProxyProcess.freePort();
    stats = ProxyProcess.freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                binary.toString(),
                "-db",
                "-f",
                DeployFiles.root().resolve("haproxy/haproxy.cfg").toString())
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve("haproxy.log").toFile());
    builder.environment().put("VASTPROXY_FRONT", "127.0.0.1:" + front);
    builder.environment().put("VASTPROXY_STATS", "127.0.0.1:" + stats);
    builder.environment().put("VASTPROXY_REPLICA_A", "127.0.0.1:" + portA);
    builder.environment().put("VASTPROXY_REPLICA_B", "127.0.0.1:" + portB);
    haproxy = builder.start();
  }

  /** HAProxy's view of a server: UP, DOWN, NOLB, ... from its stats CSV. */
  private String serverStatus(String server) throws Exception {
    String csv = get(URI.create("http://127.0.0.1:" + stats + "/stats;csv")).body();
    for (String line : csv.split("\n")) {
      String[] fields = line.split(",");
      if (fields.length > 17 && fields[0].equals("vastproxy") && fields[1].equals(server)) {
        return fields[17];
      }
    }
    return "absent";
  }

  private void awaitUp(String... servers) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () -> {
              for (String server : servers) {
                if (!serverStatus(server).startsWith("UP")) {
                  return false;
                }
              }
              return true;
            });
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private boolean labelled() {
    return vast.label(3001).equals(Optional.of("proxied"))
        && vast.label(3002).equals(Optional.of("proxied"));
  }

  @Test
  void aReplicaLeavesWithoutAFailedRequestAndAKilledOneCostsOnlyItsStreams() throws Exception {
    assumeTrue(
        DeployFiles.program("haproxy").isPresent(),
        "haproxy is not installed (apt-get install haproxy): two-replica test skipped");
    int portA = ProxyProcess.freePort();
    int portB = ProxyProcess.freePort();
    ProxyProcess a = startReplica("replica-a", portA);
    ProxyProcess b = startReplica("replica-b", portB);
    startHaproxy(portA, portB);
    awaitUp("replica-a", "replica-b");
    await().atMost(Duration.ofSeconds(30)).until(this::labelled);
    URI chat = URI.create("http://127.0.0.1:" + front + "/v1/chat/completions");

    // SIGTERM to a, under load: a drains visibly, and not one request fails.
    try (StreamingLoad load = new StreamingLoad(http, chat, 6)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 12);
      a.process().destroy();
      await()
          .atMost(Duration.ofSeconds(3))
          .pollInterval(Duration.ofMillis(20))
          .ignoreExceptions()
          .until(() -> get(a.uri("/readyz")).statusCode() == 503);
      await()
          .atMost(DRAIN_DELAY.plusSeconds(5))
          .ignoreExceptions()
          .until(() -> !serverStatus("replica-a").startsWith("UP"));
      assertThat(a.awaitExit(60)).as(a.stdout()).isZero();
      int before = load.completed();
      await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= before + 12);
      load.stop();
      assertThat(load.failures()).as("failed requests while a replica left").isEmpty();
    }
    // a cleared its labels on the way out; b, still routing to both instances, restored them.
    assertThat(vast.labelCalls()).contains(new LabelCall(3001, ""), new LabelCall(3002, ""));
    await().atMost(Duration.ofSeconds(5)).until(this::labelled);

    // a comes back; then kill -9 of b, under load.
    ProxyProcess back = startReplica("replica-a", portA);
    awaitUp("replica-a", "replica-b");
    try (StreamingLoad load = new StreamingLoad(http, chat, 6)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 12);
      long killedAt = System.nanoTime();
      b.process().destroyForcibly();
      b.process().waitFor();
      int before = load.completed();
      await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= before + 24);
      load.stop();
      assertThat(load.failuresStartedBefore(killedAt))
          .as("only streams in flight on the killed replica break")
          .hasSizeLessThanOrEqualTo(6);
      assertThat(load.failuresStartedAfter(killedAt)).as("requests sent after the kill").isEmpty();
    }
    assertThat(get(back.uri("/readyz")).statusCode()).isEqualTo(200);
  }
}
