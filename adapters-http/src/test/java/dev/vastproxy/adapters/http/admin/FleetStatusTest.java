package dev.vastproxy.adapters.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastproxy.adapters.http.front.ReplicaState;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.GuardView;
import dev.vastproxy.application.port.in.IdleAction;
import dev.vastproxy.application.port.in.IdleCountdown;
import dev.vastproxy.application.port.in.InstanceGuard;
import dev.vastproxy.application.port.in.TrafficSummary;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.backend.GpuReading;
import dev.vastproxy.domain.backend.GpuTelemetry;
import dev.vastproxy.domain.backend.SshPath;
import dev.vastproxy.domain.cost.TokensServed;
import dev.vastproxy.domain.endpoint.Transport;
import dev.vastproxy.domain.fleet.FleetProblem;
import dev.vastproxy.domain.fleet.FleetSnapshot;
import dev.vastproxy.domain.fleet.InstanceAlert;
import dev.vastproxy.domain.instance.ExtraEnv;
import dev.vastproxy.domain.instance.Instance;
import dev.vastproxy.domain.testing.Cards;
import dev.vastproxy.domain.testing.Instances;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The status JSON: exact field names, values, nulls for unknowns, and no secrets. */
class FleetStatusTest {
  private static final Instant T0 = Instances.T0;
  private static final Instant NOW = T0.plusSeconds(205);

  private static String serialize(FleetView view) {
    return new String(
        AdminJson.write(FleetStatus.of(view, new ReplicaState("r1"))), StandardCharsets.UTF_8);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** An SGLang backend with secrets in its token and environment, probed over the SSH proxy. */
  private static Backend secretive() {
    Backend backend =
        Backend.discovered(
            Instances.runningSglang(7)
                .token("tok-SECRET")
                .env(
                    ExtraEnv.of(
                        Map.of(
                            "SGLANG_MODEL", "Qwen/Qwen3-32B-AWQ",
                            "HF_TOKEN", "hf_SECRETvalue",
                            "SGLANG_ARGS", "--api-key sk-SECRET-ARG --port 18000")))
                .onstart("export OPENAI_API_KEY=sk-SECRET-ONSTART")
                .label("proxied")
                .gpuUtilization(87.5)
                .gpuTemperature(71)
                .build(),
            Transport.DIRECT,
            T0);
    GpuTelemetry gpu =
        GpuTelemetry.read(
                List.of(
                    new GpuReading(
                        0,
                        OptionalDouble.of(93),
                        OptionalDouble.of(68),
                        OptionalLong.of(22_000),
                        OptionalLong.of(24_564)),
                    new GpuReading(
                        1,
                        OptionalDouble.empty(),
                        OptionalDouble.of(40),
                        OptionalLong.empty(),
                        OptionalLong.of(24_564))),
                T0.plusSeconds(200),
                SshPath.PROXY)
            .failed("connect timed out", SshPath.PROXY);
    Backend healthy =
        backend.markHealthy(Cards.of("Qwen/Qwen3-32B-AWQ", "draft"), T0.plusSeconds(5));
    healthy.load().begin();
    healthy.load().begin();
    healthy.load().end();
    return healthy.withGpu(gpu);
  }

  private static FleetView view(FleetSnapshot fleet, TrafficSummary traffic) {
    return new FleetView(fleet, traffic, NOW);
  }

  @Test
  void hasExactlyTheDocumentedFields() throws Exception {
    FleetSnapshot fleet =
        FleetSnapshot.empty()
            .withBackends(List.of(secretive(), Instances.discovered(8)))
            .withProblem(
                Optional.of(new FleetProblem("vast.ai timed out", T0.plusSeconds(100), 3, false)));

    JsonNode status =
        new ObjectMapper()
            .readTree(serialize(view(fleet, new TrafficSummary(2.4, 10, 4, 1).withHeld(6))));

    assertThat(status.get("held").asInt()).isEqualTo(6);
    assertThat(status.get("queued").asInt()).isZero();
    assertThat(fieldNames(status))
        .containsExactly(
            "replica",
            "draining",
            "at",
            "version",
            "backend_count",
            "healthy_count",
            "in_flight",
            "held",
            "queued",
            "requests_per_second",
            "sticky_share",
            "dollars_per_hour",
            "cost",
            "discovery_problem",
            "rescues",
            "instances",
            "idle_action",
            "others");
    assertThat(fieldNames(status.get("discovery_problem")))
        .containsExactly(
            "message", "since", "failures", "authentication", "not_answering_for_seconds");
    assertThat(fieldNames(status.at("/instances/0")))
        .containsExactly(
            "id",
            "state",
            "since",
            "seconds_in_state",
            "reason",
            "reason_code",
            "actual_status",
            "label",
            "engine",
            "models",
            "endpoint",
            "transport",
            "in_flight",
            "requests_started",
            "gpu_name",
            "gpu_count",
            "gpu_util",
            "gpu_temp",
            "gpus",
            "gpus_read_at",
            "ssh_path",
            "gpu_problem",
            "dollars_per_hour",
            "load",
            "cost",
            "rescues",
            "guard");
    assertThat(fieldNames(status.at("/instances/0/cost")))
        .containsExactly(
            "prompt_tokens",
            "completion_tokens",
            "estimated_tokens",
            "dollars",
            "dollars_per_million_tokens",
            "dollars_per_million_completion_tokens");
    assertThat(fieldNames(status.get("cost")))
        .isEqualTo(fieldNames(status.at("/instances/0/cost")));
    assertThat(fieldNames(status.at("/instances/0/load")))
        .containsExactly(
            "running",
            "waiting",
            "kv_cache_usage",
            "tokens_per_second",
            "read_at",
            "first_byte_ms",
            "request_ms",
            "slow_outlier");
    assertThat(fieldNames(status.get("rescues")))
        .containsExactly("retried_before_first_byte", "resumed", "not_resumable", "resume_failed");
    assertThat(fieldNames(status.at("/instances/0/rescues")))
        .containsExactly("retried_before_first_byte", "resumed", "not_resumable", "resume_failed");
    assertThat(fieldNames(status.at("/instances/0/gpus/0")))
        .containsExactly(
            "index", "utilization", "temperature", "memory_used_mib", "memory_total_mib");
  }

  @Test
  void saysWhatTheMoneyGuardsKnow() throws Exception {
    Backend healthy = Instances.healthy(1, "m");
    Backend box = Instances.discovered(2);
    FleetSnapshot fleet = FleetSnapshot.empty().withBackends(List.of(healthy, box));
    Instance stopped =
        Instances.runningVllm(3).image("vastai/vllm:v1").build().withStatus("stopped", "stopped");
    GuardView guard =
        new GuardView(
            Map.of(
                healthy.id(),
                new InstanceGuard(
                    healthy.instance(),
                    true,
                    true,
                    Optional.empty(),
                    Optional.of(
                        new IdleCountdown(
                            NOW.minusSeconds(600), IdleAction.STOP, NOW.plusSeconds(1200))),
                    Optional.empty(),
                    false,
                    Set.of(InstanceAlert.EXPIRING)),
                box.id(),
                new InstanceGuard(
                    box.instance(),
                    true,
                    false,
                    Optional.of("never served a model since the proxy started"),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    Set.of())),
            List.of(
                new InstanceGuard(
                    stopped,
                    true,
                    true,
                    Optional.of("stopped by the proxy (idle for 30m)"),
                    Optional.empty(),
                    Optional.of(NOW.minusSeconds(60)),
                    true,
                    Set.of())),
            IdleAction.STOP);

    JsonNode status =
        new ObjectMapper()
            .readTree(serialize(new FleetView(fleet, new TrafficSummary(0, 0, 0, 0), NOW, guard)));

    assertThat(status.get("idle_action").asText()).isEqualTo("stop");
    assertThat(status.at("/instances/0/guard/actionable").asBoolean()).isTrue();
    assertThat(status.at("/instances/0/guard/idle_seconds").asLong()).isEqualTo(600);
    assertThat(status.at("/instances/0/guard/idle_seconds_left").asLong()).isEqualTo(1200);
    assertThat(status.at("/instances/0/guard/idle_action").asText()).isEqualTo("stop");
    assertThat(status.at("/instances/0/guard/not_routable").isNull()).isTrue();
    assertThat(status.at("/instances/0/guard/alerts/0/code").asText()).isEqualTo("expiring");
    assertThat(status.at("/instances/1/guard/actionable").asBoolean()).isFalse();
    assertThat(status.at("/instances/1/guard/not_routable").asText()).startsWith("never served");
    assertThat(status.at("/others/0/id").asLong()).isEqualTo(3);
    assertThat(status.at("/others/0/actual_status").asText()).isEqualTo("stopped");
    assertThat(status.at("/others/0/image").asText()).isEqualTo("vastai/vllm:v1");
    assertThat(status.at("/others/0/guard/waking").asBoolean()).isTrue();
    assertThat(status.at("/others/0/guard/stopped_by_proxy_at").asText())
        .isEqualTo(NOW.minusSeconds(60).toString());
    assertThat(status.toString()).doesNotContain("token-");
  }

  @Test
  void carriesTheFleetsFigures() throws Exception {
    FleetSnapshot fleet =
        FleetSnapshot.empty()
            .withBackends(List.of(secretive(), Instances.discovered(8)))
            .withProblem(Optional.of(new FleetProblem("vast.ai refused the key", T0, 2, true)));

    JsonNode status =
        new ObjectMapper().readTree(serialize(view(fleet, new TrafficSummary(2.4, 10, 4, 1))));

    assertThat(status.get("at").asText()).isEqualTo("2026-11-23T10:03:25Z");
    assertThat(status.get("version").asLong()).isEqualTo(fleet.version());
    assertThat(status.get("backend_count").asInt()).isEqualTo(2);
    assertThat(status.get("healthy_count").asInt()).isEqualTo(1);
    assertThat(status.get("in_flight").asInt()).isEqualTo(1);
    assertThat(status.get("requests_per_second").asDouble()).isEqualTo(2.4);
    assertThat(status.get("sticky_share").asDouble()).isEqualTo(0.4);
    assertThat(status.get("dollars_per_hour").asDouble()).isEqualTo(1.28);
    assertThat(status.at("/discovery_problem/message").asText())
        .isEqualTo("vast.ai refused the key");
    assertThat(status.at("/discovery_problem/since").asText()).isEqualTo("2026-11-23T10:00:00Z");
    assertThat(status.at("/discovery_problem/failures").asInt()).isEqualTo(2);
    assertThat(status.at("/discovery_problem/authentication").asBoolean()).isTrue();
    assertThat(status.at("/discovery_problem/not_answering_for_seconds").isNull()).isTrue();
  }

  @Test
  void saysHowLongVastAiHasNotAnsweredWhileAPollWaits() throws Exception {
    Instant pollStarted = NOW.minusSeconds(45);
    FleetSnapshot fleet =
        FleetSnapshot.empty()
            .withBackends(List.of(Instances.discovered(8)))
            .withProblem(
                Optional.of(
                    new FleetProblem(
                        "vast.ai: API not answering (no reply within the 30s timeout);"
                            + " keeping the last known fleet",
                        pollStarted,
                        1,
                        false,
                        Optional.of(pollStarted))));

    JsonNode status =
        new ObjectMapper().readTree(serialize(view(fleet, new TrafficSummary(0, 0, 0, 0))));

    assertThat(status.at("/discovery_problem/message").asText()).contains("API not answering");
    assertThat(status.at("/discovery_problem/not_answering_for_seconds").asLong()).isEqualTo(45);
    assertThat(status.at("/discovery_problem/since").asText()).isEqualTo("2026-11-23T10:02:40Z");
    assertThat(status.get("backend_count").asInt()).isEqualTo(1);
  }

  @Test
  void describesEachInstance() throws Exception {
    FleetSnapshot fleet = FleetSnapshot.empty().withBackends(List.of(secretive()));

    JsonNode sglang =
        new ObjectMapper()
            .readTree(serialize(view(fleet, new TrafficSummary(0, 0, 0, 1))))
            .at("/instances/0");

    assertThat(sglang.get("id").asLong()).isEqualTo(7);
    assertThat(sglang.get("state").asText()).isEqualTo("HEALTHY");
    assertThat(sglang.get("since").asText()).isEqualTo("2026-11-23T10:00:05Z");
    assertThat(sglang.get("seconds_in_state").asLong()).isEqualTo(200);
    assertThat(sglang.get("reason").asText())
        .isEqualTo("model list: GET /v1/models listed 2 models");
    assertThat(sglang.get("reason_code").asText()).isEqualTo("model_list");
    assertThat(sglang.get("actual_status").asText()).isEqualTo("running");
    assertThat(sglang.get("label").asText()).isEqualTo("proxied");
    assertThat(sglang.get("engine").asText()).isEqualTo("sglang");
    assertThat(sglang.get("models").toString()).isEqualTo("[\"Qwen/Qwen3-32B-AWQ\",\"draft\"]");
    assertThat(sglang.get("endpoint").asText()).isEqualTo("http://203.0.113.8:40007");
    assertThat(sglang.get("transport").asText()).isEqualTo("direct");
    assertThat(sglang.get("in_flight").asInt()).isEqualTo(1);
    assertThat(sglang.get("requests_started").asLong()).isEqualTo(2);
    assertThat(sglang.get("gpu_name").asText()).isEqualTo("RTX 4090");
    assertThat(sglang.get("gpu_count").asInt()).isEqualTo(2);
    assertThat(sglang.get("gpu_util").asDouble()).isEqualTo(87.5);
    assertThat(sglang.get("gpu_temp").asDouble()).isEqualTo(71.0);
    assertThat(sglang.get("gpus").toString())
        .isEqualTo(
            "[{\"index\":0,\"utilization\":93.0,\"temperature\":68.0,"
                + "\"memory_used_mib\":22000,\"memory_total_mib\":24564},"
                + "{\"index\":1,\"utilization\":null,\"temperature\":40.0,"
                + "\"memory_used_mib\":null,\"memory_total_mib\":24564}]");
    assertThat(sglang.get("gpus_read_at").asText()).isEqualTo("2026-11-23T10:03:20Z");
    assertThat(sglang.get("ssh_path").asText()).isEqualTo("proxy");
    assertThat(sglang.get("gpu_problem").asText()).isEqualTo("connect timed out");
    assertThat(sglang.get("dollars_per_hour").asDouble()).isEqualTo(0.64);
  }

  @Test
  void unknownValuesAreNull() throws Exception {
    Backend bare =
        Backend.discovered(Instance.builder(9).status("loading").build(), Transport.SSH_TUNNEL, T0);
    FleetSnapshot fleet = FleetSnapshot.empty().withBackends(List.of(bare));

    JsonNode status =
        new ObjectMapper().readTree(serialize(view(fleet, new TrafficSummary(0, 0, 0, 0))));
    JsonNode instance = status.at("/instances/0");

    assertThat(status.get("sticky_share").isNull()).isTrue();
    assertThat(status.get("discovery_problem").isNull()).isTrue();
    assertThat(status.get("healthy_count").asInt()).isZero();
    assertThat(instance.get("state").asText()).isEqualTo("DISCOVERED");
    assertThat(instance.get("seconds_in_state").asLong()).isEqualTo(205);
    assertThat(instance.get("engine").asText()).isEqualTo("unknown");
    assertThat(instance.get("transport").asText()).isEqualTo("ssh-tunnel");
    assertThat(instance.get("models")).isEmpty();
    assertThat(instance.get("gpus")).isEmpty();
    for (String field :
        List.of("label", "endpoint", "gpu_util", "gpu_temp", "gpus_read_at", "gpu_problem")) {
      assertThat(instance.get(field).isNull()).as(field).isTrue();
    }
    assertThat(instance.get("ssh_path").asText()).isEqualTo("none");
  }

  @Test
  void showsEachInstancesTokensAndTheirCostAndTheFleetsTotals() throws Exception {
    // Both $0.64/h from T0 to NOW (205 s): $0.036444 each, idle or not; 3,640 tokens served.
    Backend busy = Instances.healthy(8, "m");
    Backend idle = Instances.healthy(9, "m");
    busy.load().tokens().add(TokensServed.usage(2_000, 1_000));
    busy.load().tokens().add(TokensServed.estimate(640));
    FleetSnapshot fleet = FleetSnapshot.empty().withBackends(List.of(busy, idle));

    JsonNode status =
        new ObjectMapper().readTree(serialize(view(fleet, new TrafficSummary(0, 0, 0, 0))));

    JsonNode served = status.at("/instances/0/cost");
    assertThat(served.get("prompt_tokens").asLong()).isEqualTo(2_000);
    assertThat(served.get("completion_tokens").asLong()).isEqualTo(1_640);
    assertThat(served.get("estimated_tokens").asLong()).isEqualTo(640);
    assertThat(served.get("dollars").asDouble()).isEqualTo(0.0364);
    assertThat(served.get("dollars_per_million_tokens").asDouble()).isEqualTo(10.0122);
    assertThat(served.get("dollars_per_million_completion_tokens").asDouble()).isEqualTo(22.2222);
    JsonNode none = status.at("/instances/1/cost");
    assertThat(none.get("completion_tokens").asLong()).isZero();
    assertThat(none.get("dollars").asDouble()).isEqualTo(0.0364);
    assertThat(none.get("dollars_per_million_tokens").isNull()).isTrue();
    JsonNode fleetCost = status.get("cost");
    assertThat(fleetCost.get("prompt_tokens").asLong()).isEqualTo(2_000);
    assertThat(fleetCost.get("estimated_tokens").asLong()).isEqualTo(640);
    assertThat(fleetCost.get("dollars").asDouble()).isEqualTo(0.0729);
    // The idle instance's bill doubles the fleet's price of a token.
    assertThat(fleetCost.get("dollars_per_million_tokens").asDouble()).isEqualTo(20.0244);
  }

  @Test
  void neverShowsASecret() {
    Backend secretive = secretive();
    secretive.load().tokens().add(TokensServed.usage(10, 20));
    FleetSnapshot fleet =
        FleetSnapshot.empty().withBackends(List.of(secretive, Instances.healthy(8, "m")));

    String json = serialize(view(fleet, new TrafficSummary(1, 1, 1, 1)));

    assertThat(json)
        .doesNotContain("tok-SECRET")
        .doesNotContain("token-8")
        .doesNotContain("hf_SECRETvalue")
        .doesNotContain("HF_TOKEN")
        .doesNotContain("sk-SECRET-ARG")
        .doesNotContain("sk-SECRET-ONSTART")
        .doesNotContain("SECRET");
  }

  @Test
  void aFleetPriceIsRoundedOutOfFloatNoise() {
    FleetSnapshot fleet =
        FleetSnapshot.empty()
            .withBackends(
                List.of(
                    Backend.discovered(
                        Instances.runningVllm(1).dollarsPerHour(0.1).build(), Transport.DIRECT, T0),
                    Backend.discovered(
                        Instances.runningVllm(2).dollarsPerHour(0.2).build(),
                        Transport.DIRECT,
                        T0)));

    FleetStatus status =
        FleetStatus.of(
            new FleetView(fleet, new TrafficSummary(0, 0, 0, 0), NOW.plus(Duration.ZERO)),
            new ReplicaState("r1"));

    assertThat(status.dollarsPerHour()).isEqualTo(0.3);
  }
}
