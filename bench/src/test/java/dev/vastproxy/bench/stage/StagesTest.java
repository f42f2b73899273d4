package dev.vastproxy.bench.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastproxy.bench.client.ChatBodies;
import dev.vastproxy.bench.client.ReferenceStream;
import dev.vastproxy.bench.client.SseRunResult;
import dev.vastproxy.bench.client.SseWorkload;
import dev.vastproxy.bench.client.StreamDigest;
import dev.vastproxy.bench.proc.ProcessTree;
import dev.vastproxy.bench.targets.MockFleet;
import dev.vastproxy.bench.targets.RenamedTarget;
import dev.vastproxy.bench.targets.Target;
import dev.vastproxy.bench.targets.TargetKind;
import dev.vastproxy.bench.tool.Hey;
import dev.vastproxy.bench.tool.HeyResult;
import dev.vastproxy.bench.tool.JsonLoad;
import dev.vastproxy.bench.tool.Wrk;
import dev.vastproxy.bench.tool.WrkResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagesTest {
  @TempDir Path dir;
  private final MockFleet fleet = MockFleet.start(2, 1);
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void stop() {
    fleet.close();
  }

  private Path tool(String name, String output) throws Exception {
    Path printed = dir.resolve(name + ".out");
    Files.writeString(printed, output);
    Path script = dir.resolve(name);
    Files.writeString(script, "#!/bin/sh\ncat '" + printed + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private JsonLoad load(Target target) {
    return new JsonLoad(
        target.address(),
        ChatBodies.INSTANT_PATH,
        ChatBodies.padded(MockFleet.MODEL, 256),
        "application/json",
        MockFleet.TOKEN,
        2,
        Duration.ofSeconds(1));
  }

  @Test
  void roundsAlternateTheirOrder() throws Exception {
    Target a = TargetKind.direct().start(fleet, dir);
    Target b = new RenamedTarget(a, "b");
    List<String> seen = new ArrayList<>();

    Map<String, List<Integer>> results =
        Interleaved.run(
            List.of(a, b),
            3,
            (target, round) -> {
              seen.add(target.name());
              return round;
            },
            log::add);

    assertThat(seen).containsExactly("direct", "b", "b", "direct", "direct", "b");
    assertThat(results)
        .containsEntry("direct", List.of(0, 1, 2))
        .containsEntry("b", List.of(0, 1, 2));
    assertThat(log).hasSize(6);
    assertThat(Interleaved.order(List.of(1, 2, 3), 1)).containsExactly(3, 2, 1);
  }

  @Test
  void saturationWarmsUpThenMeasuresEveryRound() throws Exception {
    Target direct = TargetKind.direct().start(fleet, dir);
    Wrk wrk =
        new Wrk(
            tool(
                "wrk",
                "  50%  100.00us\n  99%  1.00ms\n  1000 requests in 1.00s\nRequests/sec: 1000.0\n"),
            1);

    Map<String, List<Measured<WrkResult>>> results =
        new SaturationStage(
                wrk,
                load(direct),
                Duration.ofSeconds(1),
                ProcessTree.system(),
                dir.resolve("w"),
                log::add)
            .run(List.of(direct), 2);

    assertThat(results.get("direct")).hasSize(2);
    assertThat(results.get("direct").get(0).result().requestsPerSecond()).isEqualTo(1000.0);
    assertThat(log).contains("warm-up 1: direct");
  }

  @Test
  void fixedLoadSendsTheUnpeekedVariantAsPlainText() throws Exception {
    Target direct = TargetKind.direct().start(fleet, dir);
    Target plain = new RenamedTarget(direct, "direct" + FixedLoadStage.UNPEEKED);
    Hey hey = new Hey(tool("hey", "0.0010,0,0,0,0,0,200,0.1\n"));

    Map<String, List<Measured<HeyResult>>> results =
        new FixedLoadStage(hey, load(direct), 100, ProcessTree.system(), dir.resolve("h"), log::add)
            .run(List.of(direct, plain), 1);

    assertThat(results).containsKeys("direct", "direct (not peeked)");
    assertThat(results.get("direct").get(0).result().latency().p50()).isEqualTo(1.0);
  }

  @Test
  void streamingChecksEveryStreamAgainstTheReference() throws Exception {
    Target direct = TargetKind.direct().start(fleet, dir);
    SseWorkload workload =
        SseWorkload.chat(
            MockFleet.MODEL,
            MockFleet.TOKEN,
            20,
            Duration.ofMillis(100),
            5,
            10,
            10,
            Duration.ofSeconds(10));
    StreamDigest reference = ReferenceStream.digest(direct.address(), workload).orElseThrow();
    SseWorkload wrongCount =
        SseWorkload.chat(
            MockFleet.MODEL, MockFleet.TOKEN, 4, Duration.ZERO, 6, 10, 10, Duration.ofSeconds(10));

    Map<String, List<Measured<SseRunResult>>> results =
        new StreamingStage(workload, reference, true, ProcessTree.system(), log::add)
            .run(List.of(direct), 1);
    Map<String, List<Measured<SseRunResult>>> broken =
        new StreamingStage(wrongCount, reference, false, ProcessTree.system(), log::add)
            .run(List.of(direct), 1);

    SseRunResult result = results.get("direct").get(0).result();
    assertThat(result.completed()).isEqualTo(20);
    assertThat(result.delivery().count()).isEqualTo(100);
    assertThat(broken.get("direct").get(0).result().corrupt()).isEqualTo(4);
    assertThat(log).anyMatch(line -> line.contains("broken streams"));
  }
}
