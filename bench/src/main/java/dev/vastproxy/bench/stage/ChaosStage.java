package dev.vastproxy.bench.stage;

import dev.vastproxy.bench.client.ReferenceStream;
import dev.vastproxy.bench.client.SseLoadClient;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.client.SseWorkload;
import dev.vastproxy.bench.client.StreamDigest;
import dev.vastproxy.bench.targets.MockFleet;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.targets.TargetKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams through each target while the engines behind it die mid-stream and come back at random:
 * the share of streams that still complete for the client (the whole text once, one {@code [DONE]},
 * no error). Each target gets a fresh fleet of its own and the same kill schedule (one seed).
 */
public final class ChaosStage {
  /** Tokens per stream: about 1.8 s at 30 ms each, so most streams see a kill if one comes. */
  public static final int TOKENS = 60;

  static final int DELAY_MS = 30;
  static final Duration UP_AT_LEAST = Duration.ofSeconds(2);
  static final Duration UP_AT_MOST = Duration.ofSeconds(6);
  static final Duration DOWN_AT_LEAST = Duration.ofMillis(500);
  static final Duration DOWN_AT_MOST = Duration.ofMillis(2500);

  /**
   * An engine dies only once the others have been up this long: a proxy re-probes an engine that
   * failed every second, so a fleet of 3 whose engines all die within a second has nothing to
   * continue on, which is not what this stage measures.
   */
  static final Duration SETTLE = Duration.ofSeconds(2);

  private static final long SEED = 20261130L;
  private static final Pattern HEALTHY = Pattern.compile("\"healthy_count\":(\\d+)");

  private final SseWorkload workload;
  private final int engines;
  private final int engineIoThreads;
  private final Consumer<String> log;

  /**
   * @param streams how many streams each target gets, spread over {@code ramp}
   * @param engines how many engines die and come back behind each target
   */
  public ChaosStage(
      int streams, Duration ramp, int engines, int engineIoThreads, Consumer<String> log) {
    this.workload = workload(streams, ramp);
    this.engines = engines;
    this.engineIoThreads = engineIoThreads;
    this.log = log;
  }

  /**
   * A chat stream of {@link #TOKENS} tokens whose body carries its limit as {@code max_tokens}, as
   * a client's does: a continuation asks for what is left.
   */
  static SseWorkload workload(int streams, Duration ramp) {
    String body =
        "{\"model\":\""
            + MockFleet.MODEL
            + "\",\"stream\":true,\"max_tokens\":"
            + TOKENS
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    return new SseWorkload(
        "/v1/chat/completions?n=" + TOKENS + "&delay_ms=" + DELAY_MS + "&ttft_ms=0",
        body.getBytes(StandardCharsets.UTF_8),
        "application/json",
        MockFleet.TOKEN,
        streams,
        ramp,
        TOKENS,
        Duration.ofSeconds(60));
  }

  /** Runs the streams through each kind in turn, each in front of a fleet of its own. */
  public List<ChaosResult> run(List<TargetKind> kinds, Path dir) throws IOException {
    List<ChaosResult> results = new ArrayList<>();
    for (TargetKind kind : kinds) {
      try (MockFleet fleet = MockFleet.start(engines, engineIoThreads)) {
        StreamDigest reference =
            ReferenceStream.digest(fleet.engines().get(0), workload)
                .orElseThrow(() -> new IOException("the direct reference stream did not come"));
        try (Target target = kind.start(fleet, dir)) {
          awaitWholeFleet(target);
          log.accept("chaos: " + target.name() + " x " + workload.streams() + " streams");
          ChaosMonkey monkey =
              new ChaosMonkey(
                  fleet, SEED, UP_AT_LEAST, UP_AT_MOST, DOWN_AT_LEAST, DOWN_AT_MOST, SETTLE);
          SseRunResult result;
          try (monkey) {
            monkey.start();
            result = new SseLoadClient(target.addresses(), workload, Optional.of(reference)).run();
          }
          ChaosResult chaos = new ChaosResult(target.name(), result, monkey.crashes());
          log.accept(
              target.name()
                  + ": "
                  + result.completed()
                  + " of "
                  + result.streams()
                  + " streams complete through "
                  + chaos.crashes()
                  + " engine crashes; failures: "
                  + result.failures());
          results.add(chaos);
        }
      }
    }
    return results;
  }

  /** vastproxy routes to engines it found healthy: wait until it found them all. */
  private void awaitWholeFleet(Target target) throws IOException {
    if (!target.name().startsWith("vastproxy")) {
      return;
    }
    URI status = URI.create("http://127.0.0.1:" + target.address().getPort() + "/vastproxy/status");
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() - deadline < 0) {
      try {
        String body =
            http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher healthy = HEALTHY.matcher(body);
        if (healthy.find() && Integer.parseInt(healthy.group(1)) >= engines) {
          return;
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    throw new IOException(target.name() + " did not find all " + engines + " engines healthy");
  }
}
